import { Piscina } from 'piscina';
import type { PngTask } from '../../workers/renderPng.js';
import { workerScript } from './workerPool.js';

/** Figures per rendering thread: resvg's native memory is only returned when its thread ends. */
const FIGURES_PER_THREAD = 24;

/**
 * SVG → PNG in short-lived threads, one batch each: resvg-js 2.6 keeps native memory per render that the
 * JS heap never sees, so a study with hundreds of figures would otherwise grow by gigabytes.
 */
export async function renderPngsInThreads(svgs: string[]): Promise<Uint8Array[]> {
  const pngs: Uint8Array[] = [];
  for (let start = 0; start < svgs.length; start += FIGURES_PER_THREAD) {
    const thread = new Piscina({ filename: workerScript('renderPng'), minThreads: 1, maxThreads: 1 });
    try {
      const task: PngTask = { svgs: svgs.slice(start, start + FIGURES_PER_THREAD) };
      pngs.push(...((await thread.run(task)) as Uint8Array[]));
    } finally {
      await thread.destroy();
    }
  }
  return pngs;
}
