import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GlutraceError } from './errors.js';

/** An output folder that cannot be made or written to; one line naming the folder and why. */
export class OutputFolderError extends GlutraceError {
  override name = 'OutputFolderError';
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super(`cannot create output folder ${folder}: ${reason}`);
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}

/** A plain-words reason for a failed mkdir/stat; `level` is the path being made, `parent` its existing parent. */
function reasonFor(error: unknown, level: string, parent: string): string {
  switch (codeOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied in ${parent}`;
    case 'EROFS':
      return `${parent} is on a read-only file system`;
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOTDIR':
      return `${parent} is a file, not a folder`;
    case 'EEXIST':
      return `${level} exists and is not a folder`;
    // mkdir on a pseudo file system such as /proc reports ENOENT although the parent exists
    case 'ENOENT':
      return `${parent} does not accept new folders`;
    default:
      return (error instanceof Error ? error.message : String(error)).split('\n')[0];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Makes `path` a writable folder, creating missing levels one at a time. Unlike mkdirSync(recursive), which
 * loops forever under /proc (ENOENT for the child, EEXIST for the parent), every failure ends at once as an
 * OutputFolderError.
 */
export function ensureDirectory(path: string): void {
  const target = resolve(path);
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    try {
      statSync(existing);
      break;
    } catch (error) {
      // ENOTDIR: some level above is a file; walking up finds it and names it
      if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') throw new OutputFolderError(path, reasonFor(error, existing, dirname(existing)));
      const parent = dirname(existing);
      if (parent === existing) throw new OutputFolderError(path, 'no existing parent folder');
      missing.unshift(existing);
      existing = parent;
    }
  }
  if (!isDirectory(existing)) {
    throw new OutputFolderError(path, `${existing} is a file, not a folder`);
  }
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new OutputFolderError(path, reasonFor(error, existing, existing));
  }
  let parent = existing;
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      // a concurrent writer (another worker, a parallel run) may have made it meanwhile
      if (!(codeOf(error) === 'EEXIST' && isDirectory(level))) throw new OutputFolderError(path, reasonFor(error, level, parent));
    }
    parent = level;
  }
}
