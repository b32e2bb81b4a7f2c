import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/**
 * The file next to `path` with the same stem and extension `wantedExt` in any letter case
 * (SDAT ↔ SPAR exports mix upper and lower case). Null when there is none.
 */
export function findCompanion(path: string, wantedExt: string): string | null {
  const dir = dirname(path);
  const stem = basename(path, extname(path));
  for (const ext of [wantedExt.toUpperCase(), wantedExt.toLowerCase()]) {
    const candidate = join(dir, `${stem}.${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  const wanted = `${stem}.${wantedExt}`.toLowerCase();
  const match = existsSync(dir) ? readdirSync(dir).find((f) => f.toLowerCase() === wanted) : undefined;
  return match ? join(dir, match) : null;
}
