import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package folder. Code runs either compiled (dist/src/…) or, under vitest, from source (src/…);
 * both map to the same root, where package.json and dist/workers live.
 */
export function projectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = here.includes(`${sep}dist${sep}src${sep}`);
  return resolve(here, compiled ? '../../..' : '../..');
}
