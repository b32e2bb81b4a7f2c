import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';

/**
 * The list of files a run wrote into its output folder (paths relative to it). The next run into the same
 * folder removes the listed files it does not write again (another study's plots, a session that has gone),
 * and nothing else: files a user put there, and the session store, are never touched.
 */
export const OUTPUT_INDEX_FILE = '.glutrace-outputs.json';

interface OutputIndex {
  format: 1;
  files: string[];
}

/** A relative path inside the folder: an edited index must not reach outside it. */
function isInsideFolder(relative: string): boolean {
  const normal = normalize(relative);
  return relative !== '' && !isAbsolute(normal) && normal !== '..' && !normal.startsWith(`..${sep}`) && normal !== OUTPUT_INDEX_FILE;
}

/** The files the previous run listed; none when there is no index or it is unreadable. */
export function readOutputIndex(outDir: string): string[] {
  try {
    const index = JSON.parse(readFileSync(join(outDir, OUTPUT_INDEX_FILE), 'utf8')) as Partial<OutputIndex>;
    return Array.isArray(index.files) ? index.files.filter((f): f is string => typeof f === 'string' && isInsideFolder(f)) : [];
  } catch {
    return [];
  }
}

/** Removes the files `previous` lists that this run did not write; returns them. Only plain files are removed. */
export function removeStaleOutputs(outDir: string, previous: string[], written: string[]): string[] {
  const current = new Set(written.map((f) => normalize(f)));
  const removed: string[] = [];
  for (const file of previous) {
    if (current.has(normalize(file))) continue;
    const path = join(outDir, file);
    try {
      if (!lstatSync(path).isFile()) continue;
    } catch {
      continue;
    }
    rmSync(path, { force: true });
    removed.push(file);
  }
  return removed;
}

export function writeOutputIndex(outDir: string, written: string[]): void {
  const index: OutputIndex = { format: 1, files: [...written].sort() };
  writeFileAtomic(join(outDir, OUTPUT_INDEX_FILE), `${JSON.stringify(index, null, 1)}\n`);
}
