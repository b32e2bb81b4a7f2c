import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDirectory } from './ensureDirectory.js';
import { GlutraceError } from './errors.js';

/** Write to a temporary name beside the target, then rename: readers never see a half-written file. */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  ensureDirectory(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'a folder has that name' : (error as Error).message.split('\n')[0];
    throw new GlutraceError(`cannot write ${path}: ${reason}`);
  }
}
