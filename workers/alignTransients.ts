import type { SpectralGrid } from '../src/dsp/ppm.js';
import { shiftAndPhaseInPlace } from '../src/dsp/fidOps.js';
import { removeResidualWaterRetrying, type WaterRemovalOptions } from '../src/preprocess/hlsvd.js';
import { registerToReference, type RegistrationOptions, type RegistrationReference } from '../src/preprocess/registerToReference.js';

export interface AlignTask {
  /** k transients, k·2·points interleaved complex; corrected in place and sent back. */
  fids: Float64Array;
  reference: RegistrationReference;
  grid: SpectralGrid;
  options: RegistrationOptions;
  /** HLSVD settings to remove residual water from each corrected transient, or null to keep it. */
  waterRemoval: WaterRemovalOptions | null;
}

export interface AlignResult {
  frequencyHz: Float64Array;
  phaseDeg: Float64Array;
  atSearchEdge: boolean[];
  aligned: Float64Array;
}

/** Registers a chunk of transients to one reference; each result depends only on its transient and the reference. */
export default function alignTransients(task: AlignTask): AlignResult {
  const length = 2 * task.grid.points;
  const count = task.fids.length / length;
  const frequencyHz = new Float64Array(count);
  const phaseDeg = new Float64Array(count);
  const atSearchEdge: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const fid = task.fids.subarray(i * length, (i + 1) * length);
    const estimate = registerToReference(fid, task.reference, task.grid, task.options);
    frequencyHz[i] = estimate.frequencyHz;
    phaseDeg[i] = estimate.phaseDeg;
    atSearchEdge.push(estimate.atSearchEdge);
    shiftAndPhaseInPlace(fid, task.grid.dwellTimeS, estimate.frequencyHz, (estimate.phaseDeg * Math.PI) / 180);
    if (task.waterRemoval) fid.set(removeResidualWaterRetrying(fid, task.grid, task.waterRemoval).fid);
  }
  return { frequencyHz, phaseDeg, atSearchEdge, aligned: task.fids };
}
