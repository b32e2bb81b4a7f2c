import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { GlutraceError } from '../util/errors.js';
import { projectRoot } from '../util/projectRoot.js';
import { runWithRetry } from './runTask.js';
import { Slots } from './slots.js';

export type WorkerName = 'alignTransients' | 'fitSpectra' | 'fitDynamic' | 'renderPng' | 'simulateBasisFragments';

/** Workers always run compiled JS (Node 20 cannot load .ts workers), from dist/workers. */
export function workerScript(name: WorkerName): string {
  return resolve(projectRoot(), 'dist', 'workers', `${name}.js`);
}

/** Each worker's step in a user's words: error messages name the step, not the internal script. */
const STEP_NAMES: Partial<Record<WorkerName, string>> = {
  alignTransients: 'transient alignment',
  fitSpectra: 'spectral fitting',
  fitDynamic: 'dynamic fitting',
  renderPng: 'PNG rendering',
  simulateBasisFragments: 'basis simulation',
};

function stepName(script: string): string {
  const name = basename(script).replace(/\.[cm]?js$/, '');
  return STEP_NAMES[name as WorkerName] ?? `${name} task`;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** Default limit for one task: generous, since a thread's first fit also simulates the basis. */
export const DEFAULT_TASK_TIMEOUT_MS = 10 * 60_000;

/** A task message and the buffers to move (not copy) into the worker. */
export interface TaskMessage {
  task: unknown;
  transferList: ArrayBuffer[];
}

export interface WorkerPool {
  /**
   * Runs a task in a worker script; `makeTask` is called once per attempt (a retry needs fresh buffers).
   * A task that throws, ends its worker or passes the time limit is retried once on a fresh thread of its
   * own; the second failure rejects with WorkerTaskError. An input error (InputFileError, DataError,
   * ManifestError) is not retried: it rejects at once. Crashed and timed-out threads are replaced.
   */
  run<R>(script: string, makeTask: () => TaskMessage): Promise<R>;
  destroy(): Promise<void>;
}

export interface WorkerPoolOptions {
  jobs: number;
  taskTimeoutMs?: number;
}

/**
 * Loads each worker script here first, so a script that cannot load (a missing import, a syntax error)
 * stops the run with one clear message instead of failing every task.
 */
export async function assertWorkerScriptsLoad(scripts: string[]): Promise<void> {
  for (const script of scripts) {
    try {
      const module = (await import(pathToFileURL(script).href)) as { default?: unknown };
      if (typeof module.default !== 'function') throw new Error('no default export function');
    } catch (error) {
      throw new GlutraceError(`worker script ${script} cannot be loaded (${(error as Error).message.split('\n')[0]}); run \`npm run build\``);
    }
  }
}

/** Runs one task in a thread that serves only it, so the retry does not meet what broke the first attempt. */
async function runOnFreshThread<R>(script: string, message: TaskMessage, signal: AbortSignal): Promise<R> {
  const single = new Piscina({ filename: null, minThreads: 1, maxThreads: 1 });
  single.on('error', () => {});
  try {
    return (await single.run(message.task, { filename: script, transferList: message.transferList, signal })) as R;
  } finally {
    await single.destroy();
  }
}

/**
 * One pool for the whole run: threads start once and serve every session and stage. The pool has no default
 * script, so threads start empty and a script that fails to load fails its task rather than the thread's
 * start-up (which would leave piscina with no threads and every queued task waiting forever). At most `jobs`
 * tasks are handed out at once, so each task's time limit counts its running time, not its queueing.
 */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const timeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  const piscina = new Piscina({ filename: null, minThreads: options.jobs, maxThreads: options.jobs, idleTimeout: 1000 });
  // A thread that dies between tasks is replaced by piscina; without a listener that 'error' event would end the process.
  piscina.on('error', () => {});
  const slots = new Slots(options.jobs);
  let destroyed = false;
  return {
    run<R>(script: string, makeTask: () => TaskMessage): Promise<R> {
      const first = (signal: AbortSignal): Promise<R> => {
        const { task, transferList } = makeTask();
        return piscina.run(task, { filename: script, transferList, signal }) as Promise<R>;
      };
      // Tasks still queued when the pool is destroyed (siblings of a failed session's task) are not retried.
      const retry = (signal: AbortSignal): Promise<R> =>
        destroyed ? Promise.reject(new Error('pool destroyed')) : runOnFreshThread<R>(script, makeTask(), signal);
      return slots.use(() => runWithRetry(first, retry, { timeoutMs, label: stepName(script) }));
    },
    destroy: () => {
      destroyed = true;
      return piscina.destroy();
    },
  };
}
