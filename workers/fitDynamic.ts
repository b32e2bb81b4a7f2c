import { fitDynamic } from '../src/fit/dynamic/fitDynamic.js';
import type { DesignMatrix } from '../src/fit/dynamic/designMatrix.js';
import type { DynamicFitResult } from '../src/fit/dynamic/dynamicFitTypes.js';
import type { FitGrid } from '../src/fit/fitOptions.js';
import { loadBasis, type BasisSource } from '../src/pipeline/basisSource.js';

export interface DynamicTask {
  /** All transients of a session, aligned, n·2·points. */
  transients: Float64Array;
  accepted: Uint8Array;
  design: DesignMatrix;
  grid: FitGrid;
  basis: BasisSource;
  timeVaryingLineshape: boolean;
}

/** Fits every transient of a session at once (aligned, residual water already removed from each). */
export default function fitDynamicSession(task: DynamicTask): DynamicFitResult {
  return fitDynamic(task.transients, task.design, task.grid, loadBasis(task.basis), {
    accepted: task.accepted,
    timeVaryingLineshape: task.timeVaryingLineshape,
  });
}
