import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

function makeDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `glutrace-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temporary folder for a whole test file (call at module level), removed after its tests. */
export function fileScratchDir(prefix: string): string {
  const { dir, remove } = makeDir(prefix);
  afterAll(remove);
  return dir;
}

/** A temporary folder for one test (call inside the test), removed when it finishes. */
export function testScratchDir(prefix: string): string {
  const { dir, remove } = makeDir(prefix);
  onTestFinished(remove);
  return dir;
}
