import type { PeakMemorySampler } from './peakMemory.js';

export interface RepeatOptions {
  /** Untimed runs first, so the JIT has compiled the hot paths and caches are filled. */
  warmup: number;
  repeats: number;
}

/** Wall times (ms) of `repeats` calls of a synchronous run; `run(i)` gets the repetition index. */
export function repeatSync(run: (i: number) => void, options: RepeatOptions, memory: PeakMemorySampler): number[] {
  for (let i = 0; i < options.warmup; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const started = performance.now();
    run(options.warmup + i);
    times.push(performance.now() - started);
    memory.sample();
  }
  return times;
}

