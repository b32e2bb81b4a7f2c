import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertWorkerScriptsLoad, createWorkerPool, type WorkerPool } from '../../src/pipeline/workerPool.js';
import { WorkerTaskError } from '../../src/pipeline/runTask.js';
import { GlutraceError } from '../../src/util/errors.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

const flaky = resolve(__dirname, 'fixtures/flakyWorker.mjs');
const broken = resolve(__dirname, 'fixtures/brokenImportWorker.mjs');
const scratch = fileScratchDir('pool');
let onceCounter = 0;
const onceFile = (): string => join(scratch, `once-${onceCounter++}`);

interface FlakyResult {
  doubled: number[];
  threadId: number;
}

/** A task whose input travels as a transferred buffer, as the pipeline's do. */
function task(mode: string, values: number[], once?: string) {
  return () => {
    const buffer = Float64Array.from(values);
    return { task: { mode, values: buffer, onceFile: once }, transferList: [buffer.buffer] };
  };
}

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.destroy();
  pool = null;
});

describe('worker pool: crashes, hangs and load failures', () => {
  it('recovers a task whose worker is killed mid-task, on a replacement thread, with the right result', async () => {
    pool = createWorkerPool({ jobs: 2, taskTimeoutMs: 20_000 });
    const marker = onceFile();
    const results = await Promise.all([
      pool.run<FlakyResult>(flaky, task('ok', [1, 2])),
      pool.run<FlakyResult>(flaky, task('exit', [3, 4], marker)),
      pool.run<FlakyResult>(flaky, task('ok', [5])),
    ]);
    expect(results.map((r) => Array.from(r.doubled))).toEqual([[2, 4], [6, 8], [10]]);
    const crashedThread = Number(readFileSync(marker, 'utf8'));
    expect(results[1].threadId).not.toBe(crashedThread);
  });

  it('retries a task that throws once, on a fresh thread', async () => {
    pool = createWorkerPool({ jobs: 1, taskTimeoutMs: 20_000 });
    const marker = onceFile();
    const result = await pool.run<FlakyResult>(flaky, task('throw', [7], marker));
    expect(Array.from(result.doubled)).toEqual([14]);
    expect(result.threadId).not.toBe(Number(readFileSync(marker, 'utf8')));
  });

  it('times out a hung task, retries it on a fresh thread, and keeps serving', async () => {
    pool = createWorkerPool({ jobs: 1, taskTimeoutMs: 1_000 });
    const marker = onceFile();
    const result = await pool.run<FlakyResult>(flaky, task('hang', [1], marker));
    expect(Array.from(result.doubled)).toEqual([2]);
    expect(result.threadId).not.toBe(Number(readFileSync(marker, 'utf8')));
  });

  it('fails a task that fails twice with both reasons, and the pool keeps going', async () => {
    pool = createWorkerPool({ jobs: 2, taskTimeoutMs: 1_000 });
    await expect(pool.run(flaky, task('hang', [1]))).rejects.toThrow(/flakyWorker task failed twice \(timed out after 1\.0 s; then timed out/);
    await expect(pool.run(flaky, task('exit', [1]))).rejects.toThrow(/failed twice \(worker exited with code: 3; then worker exited with code: 3\)/);
    await expect(pool.run(flaky, task('throw', [1]))).rejects.toBeInstanceOf(WorkerTaskError);
    const after = await Promise.all([1, 2, 3].map((v) => pool!.run<FlakyResult>(flaky, task('ok', [v]))));
    expect(after.map((r) => r.doubled[0])).toEqual([2, 4, 6]);
  });

  it('rejects (does not hang) when a worker script cannot load its imports', async () => {
    pool = createWorkerPool({ jobs: 2, taskTimeoutMs: 20_000 });
    // More tasks than threads: with a failing start-up script piscina would leave the surplus queued forever.
    const attempts = await Promise.allSettled([1, 2, 3, 4, 5].map((v) => pool!.run(broken, task('ok', [v]))));
    for (const attempt of attempts) {
      expect(attempt.status).toBe('rejected');
      expect(String((attempt as PromiseRejectedResult).reason)).toMatch(/brokenImportWorker task failed twice .*no-such-module/);
    }
    const after = await pool.run<FlakyResult>(flaky, task('ok', [4]));
    expect(after.doubled[0]).toBe(8);
  });

  it('settles running and queued tasks when destroyed, without retrying them', async () => {
    const doomed = createWorkerPool({ jobs: 1, taskTimeoutMs: 600_000 });
    const running = doomed.run(flaky, task('hang', [1]));
    const queued = doomed.run(flaky, task('ok', [2]));
    const settled = Promise.allSettled([running, queued]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await doomed.destroy();
    const reasons = (await settled).map((s) => (s.status === 'rejected' ? String(s.reason) : 'resolved'));
    expect(reasons[0]).toMatch(/failed twice \(.*(closed|terminat).*; then pool destroyed\)/i);
    expect(reasons[1]).toMatch(/failed twice \(.*; then pool destroyed\)/);
  });

  it('checks worker scripts load before a run starts', async () => {
    await expect(assertWorkerScriptsLoad([flaky])).resolves.toBeUndefined();
    const failure = assertWorkerScriptsLoad([flaky, broken]);
    await expect(failure).rejects.toBeInstanceOf(GlutraceError);
    await expect(failure).rejects.toThrow(/brokenImportWorker\.mjs cannot be loaded/);
  });
});
