import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Piscina } from 'piscina';
import { projectRoot } from '../util/projectRoot.js';

/** Workers always run compiled JS (Node 20 cannot load .ts workers), from dist/workers. */
export function workerScript(name: 'alignTransients' | 'fitSpectra'): string {
  return resolve(projectRoot(), 'dist', 'workers', `${name}.js`);
}

export function defaultJobs(): number {
  return availableParallelism();
}

export type WorkerPool = Piscina;

/** One pool for the whole run: threads start once and serve every session and stage. */
export function createWorkerPool(jobs: number): WorkerPool {
  return new Piscina({ filename: workerScript('fitSpectra'), minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
}
