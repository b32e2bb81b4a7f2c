/**
 * The spectra a run fitted, as NIfTI-MRS: per session, the window averages (DIM_DYN, one per fitted window) and
 * the average of all accepted transients, with every processing step in ProcessingApplied, so the same spectra
 * can be fitted again in glutrace, FSL-MRS or LCModel (after `spec2nii`/conversion) and compared.
 */
import { writeNiftiMrs } from '../io/niftiMrsWrite.js';
import type { SessionJob, SessionOutcome } from '../pipeline/processSession.js';
import type { SessionAcquisition } from '../types/acquisition.js';
import type { MrsData, ProcessingStep } from '../types/mrsData.js';

export interface SpectraFile {
  relativePath: string;
  contents: Uint8Array;
}

/** File-name part from a manifest id: letters, digits, '-' and '_' kept, anything else '_'. */
const safe = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '_');

function processed(acquisition: SessionAcquisition, data: Float64Array, sourceName: string, steps: ProcessingStep[], windows: number | null): MrsData {
  return {
    data,
    points: acquisition.points,
    dwellTimeS: acquisition.dwellTimeS,
    spectrometerFrequencyMHz: acquisition.spectrometerFrequencyMHz,
    nucleus: acquisition.nucleus,
    dims: windows === null ? [] : [{ tag: 'DIM_DYN', size: windows }],
    echoTimeS: acquisition.echoTimeS,
    repetitionTimeS: acquisition.repetitionTimeS,
    transientTimesS: null,
    ...(acquisition.fieldStrengthT === null ? {} : { fieldStrengthT: acquisition.fieldStrengthT }),
    ...(acquisition.sequenceName === null ? {} : { sequenceName: acquisition.sequenceName }),
    ...(acquisition.voxelSizeMm === null ? {} : { voxelSizeMm: acquisition.voxelSizeMm }),
    provenance: { format: 'nifti-mrs', sourceName, processingApplied: steps },
  };
}

/** `spectra/SUBJECT_VISIT_windows.nii.gz` and `…_average.nii.gz` for each session that kept its spectra. */
export function sessionSpectraFiles(outcomes: readonly { job: SessionJob; outcome: SessionOutcome }[], windowTransients: number, stepTransients: number): SpectraFile[] {
  return outcomes.flatMap(({ job, outcome }) => {
    const { spectra, acquisition } = outcome;
    if (!spectra) return [];
    const stem = `spectra/${safe(job.subject.id)}_${safe(job.visit.id)}`;
    const windows = spectra.windowIndices.map((i) => outcome.curve.windows[i]);
    const averaging: ProcessingStep = {
      method: 'Signal averaging',
      details:
        `sliding windows of ${windowTransients} transients every ${stepTransients} (accepted ones averaged); ` +
        `${windows.length} windows centred at ${windows.map((w) => w.centreMin.toFixed(2)).join(', ')} min from infusion start`,
      program: 'glutrace',
    };
    const average: ProcessingStep = { method: 'Signal averaging', details: `all ${outcome.curve.qc.transientsTotal - outcome.curve.qc.transientsRejected} accepted transients`, program: 'glutrace' };
    return [
      {
        relativePath: `${stem}_windows.nii.gz`,
        contents: writeNiftiMrs(processed(acquisition, spectra.windows, `${stem}_windows`, [...outcome.processing, averaging], windows.length), { gzip: true }),
      },
      {
        relativePath: `${stem}_average.nii.gz`,
        contents: writeNiftiMrs(processed(acquisition, spectra.average, `${stem}_average`, [...outcome.processing, average], null), { gzip: true }),
      },
    ];
  });
}
