import { readFileSync } from 'node:fs';
import { buildDesignMatrix, INFUSION_REGRESSOR, type DesignMatrix, type DesignSpec } from '../fit/dynamic/designMatrix.js';
import type { DynamicFitResult } from '../fit/dynamic/dynamicFitTypes.js';
import { predictTimeCourse } from '../fit/dynamic/predictTimeCourse.js';
import { parseRegressorCsv } from '../fit/dynamic/regressorCsv.js';
import type { StudyManifest } from '../manifest/studyManifest.js';
import type { WindowMembers } from '../timecourse/windows.js';
import type { MeasureCurve, SessionMetrics } from '../types/timecourse.js';
import { DataError, InputFileError } from '../util/errors.js';
import type { DynamicTask } from '../../workers/fitDynamic.js';
import type { BasisSource } from './basisSource.js';
import type { PreparedSession } from './prepareSession.js';
import { workerScript, type WorkerPool } from './workerPool.js';

export interface SessionDynamicFit {
  fit: DynamicFitResult;
  design: DesignMatrix;
}

function designSpec(manifest: StudyManifest, regressorsFile: string | undefined, resolvePath: (p: string) => string, count: number): DesignSpec {
  const settings = manifest.analysis.dynamic;
  let regressors;
  if (regressorsFile) {
    const path = resolvePath(regressorsFile);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new InputFileError(regressorsFile, 'cannot read the regressor CSV');
    }
    regressors = parseRegressorCsv(text, regressorsFile);
    if (regressors[0].values.length !== count) throw new DataError(`${regressorsFile}: ${regressors[0].values.length} rows of regressors for ${count} transients`);
  }
  return {
    infusion: { durationMin: manifest.infusion.durationMin, shape: settings.infusionShape, riseMin: settings.riseMin },
    postInfusion: { shape: settings.postInfusion, decayMin: settings.decayMin },
    drift: settings.drift,
    regressors,
  };
}

/** Transient centres, minutes from infusion start. */
export function transientCentresMin(session: PreparedSession): Float64Array {
  return Float64Array.from(session.timing.startMin, (start, i) => start + session.timing.durationMin[i] / 2);
}

/** The dynamic (all-transient) fit of one session, run as one worker task. */
export async function fitSessionDynamic(
  pool: WorkerPool,
  session: PreparedSession,
  basis: BasisSource,
  manifest: StudyManifest,
  regressorsFile: string | undefined,
  resolvePath: (p: string) => string,
): Promise<SessionDynamicFit> {
  const design = buildDesignMatrix(transientCentresMin(session), designSpec(manifest, regressorsFile, resolvePath, session.accepted.length));
  const fit = await pool.run<DynamicFitResult>(workerScript('fitDynamic'), () => {
    const transients = session.alignment.aligned.slice();
    const task: DynamicTask = { transients, accepted: session.accepted, design, grid: session.grid, basis, timeVaryingLineshape: manifest.analysis.dynamic.timeVaryingLineshape };
    return { task, transferList: [transients.buffer] };
  });
  return { fit, design };
}

/** The design averaged over each window's members: the expected value of a window average under the model. */
function windowDesign(design: DesignMatrix, windows: WindowMembers[]): DesignMatrix {
  return {
    names: design.names,
    columns: design.columns.map((column) => Float64Array.from(windows, (w) => w.members.reduce((s, i) => s + column[i], 0) / Math.max(1, w.members.length))),
  };
}

/** Adds the infusion regressor's effect (% of baseline) to the session metrics of the measures the model has. */
export function attachModelMetrics(metrics: Record<string, SessionMetrics>, dynamic: SessionDynamicFit): void {
  for (const [measure, summary] of Object.entries(metrics)) {
    const contrast = dynamic.fit.contrasts.find((c) => c.measure === measure && c.contrast === INFUSION_REGRESSOR);
    if (contrast) summary.modelInfusionPctChange = contrast.percentOfBaseline.value;
  }
}

/** Adds the dynamic model's % change at each window to the curves of the measures the model has. */
export function attachModelCurves(measures: Record<string, MeasureCurve>, dynamic: SessionDynamicFit, windows: WindowMembers[]): void {
  const design = windowDesign(dynamic.design, windows);
  for (const [name, curve] of Object.entries(measures)) {
    const [numerator, denominator] = name.split('/');
    const known = (m: string): boolean => m in dynamic.fit.measures;
    if (!known(numerator) || (denominator !== undefined && !known(denominator))) continue;
    const course = predictTimeCourse(dynamic.fit, name, design);
    curve.modelPctChange = course.percentChange;
    curve.modelPctChangeSd = course.percentChangeSd;
  }
}
