import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../src/pipeline/workerPool.js';
import { WorkerTaskError } from '../../src/pipeline/runTask.js';
import { DataError, GlutraceError, InputFileError, isInputError } from '../../src/util/errors.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

const inputErrorWorker = resolve(__dirname, 'fixtures/inputErrorWorker.mjs');
const fitSpectraFixture = resolve(__dirname, 'fixtures/steps/fitSpectra.mjs');
const scratch = fileScratchDir('input-error');
let counter = 0;

function attemptsIn(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

function task(errorName: string | null, attemptsFile: string) {
  return () => ({ task: { errorName, attemptsFile, file: '/data/x.nii.gz', problem: 'file not found' }, transferList: [] });
}

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.destroy();
  pool = null;
});

describe('isInputError', () => {
  it('knows the input error classes, also by the stack header an error keeps across a worker thread', () => {
    expect(isInputError(new InputFileError('f', 'p'))).toBe(true);
    expect(isInputError(new DataError('d'))).toBe(true);
    expect(isInputError(new GlutraceError('g'))).toBe(false);
    expect(isInputError(new Error('plain'))).toBe(false);
    const cloned = structuredClone(new InputFileError('/x', 'file not found'));
    expect(cloned).not.toBeInstanceOf(InputFileError);
    expect(isInputError(cloned)).toBe(true);
  });
});

describe('worker pool retry policy', () => {
  it.each(['InputFileError', 'DataError', 'ManifestError'])('does not retry a task that throws %s, and rejects with its message as a GlutraceError', async (name) => {
    pool = createWorkerPool({ jobs: 1, taskTimeoutMs: 20_000 });
    const attempts = join(scratch, `attempts-${counter++}`);
    const failure = pool.run(inputErrorWorker, task(name, attempts));
    await expect(failure).rejects.toBeInstanceOf(GlutraceError);
    await expect(failure).rejects.toThrow(/^\/data\/x\.nii\.gz: file not found$/);
    expect(attemptsIn(attempts)).toBe(1);
  });

  it('still retries an unknown error once', async () => {
    pool = createWorkerPool({ jobs: 1, taskTimeoutMs: 20_000 });
    const attempts = join(scratch, `attempts-${counter++}`);
    await expect(pool.run(inputErrorWorker, task('Error', attempts))).rejects.toBeInstanceOf(WorkerTaskError);
    expect(attemptsIn(attempts)).toBe(2);
  });

  it('names the failed step in a user\'s words, not the worker script', async () => {
    pool = createWorkerPool({ jobs: 1, taskTimeoutMs: 20_000 });
    const failure = pool.run(fitSpectraFixture, () => ({ task: {}, transferList: [] }));
    await expect(failure).rejects.toThrow(/^spectral fitting failed twice \(fixture crash; then fixture crash\)$/);
    await expect(failure).rejects.not.toThrow(/fitSpectra/);
  });
});
