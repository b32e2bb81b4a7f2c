import { describe, expect, it } from 'vitest';
import { parseStudyManifest, type StudyManifest } from '../../src/manifest/studyManifest.js';
import { processingMethods, type MethodsSession } from '../../src/pipeline/methodsText.js';
import type { SessionAcquisition } from '../../src/types/acquisition.js';

const ACQUISITION: SessionAcquisition = {
  format: 'nifti-mrs', sequenceName: 'PRESS', spectrometerFrequencyMHz: 123.2, fieldStrengthT: 2.89, echoTimeS: 0.03,
  repetitionTimeS: 2.5, nucleus: '1H', points: 2048, dwellTimeS: 2.5e-4, transients: 90, coils: 1, voxelSizeMm: null, waterReference: true,
};
const SESSION: MethodsSession = {
  acquisition: ACQUISITION,
  basis: 'simulated by glutrace: PRESS, TE 30 ms, 123.200 MHz, ideal refocusing pulses',
  fittedComponents: ['NAA', 'Glu', 'MM09', 'MM27', 'MM39'],
  windowSpanMin: 4.95,
};

function manifest(analysis: Record<string, unknown>): StudyManifest {
  return parseStudyManifest({
    name: 'methods',
    infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: 40 },
    analysis: { model: 'lcm', windowTransients: 12, stepTransients: 2, baselineMin: [-10, 0], reference: 'tNAA', ...analysis },
    subjects: [{ id: 's1', sex: 'F', visits: [{ id: 'v1', condition: 'placebo', metabolite: 'm.nii.gz', infusionStartMin: 10 }] }],
  }, 'methods.json');
}

describe('methods text of a run', () => {
  it('describes the default pipeline with the numbers its steps use', () => {
    const [preprocessing, fitting, outcome] = processingMethods(manifest({}), [SESSION, { ...SESSION, acquisition: { ...ACQUISITION, waterReference: false } }]);
    expect(preprocessing).toContain('Eddy-current phase was removed from every transient with the unsuppressed water reference (Klose 1990) in 1 of 2 sessions.');
    expect(preprocessing).toContain('spectral registration (Near et al. 2015; 1.9–4.2 ppm, first 200 ms of the FID)');
    expect(preprocessing).toContain('Residual water (4.5–4.9 ppm) was removed from each transient by HLSVD (Barkhuijsen et al. 1987).');
    expect(preprocessing).toContain('more than 3 robust SD');
    expect(preprocessing).not.toContain('Receive channels');
    expect(fitting).toContain('Sliding windows of 12 consecutive transients (5.0 min), advanced by 2');
    expect(fitting).toContain('basis spectra (Provencher 1993; simulated by glutrace: PRESS, TE 30 ms, 123.200 MHz, ideal refocusing pulses) over 0.2–4.2 ppm');
    expect(fitting).toContain('uncertainties are Cramér–Rao lower bounds (Cavassila et al. 2001)');
    expect(fitting).toContain('free lines at 2.70 and 3.86–3.96 ppm');
    expect(fitting).not.toContain('dynamic fitting');
    expect(outcome).toBe('Glx = Glu + Gln and tNAA = NAA + NAAG. The outcome, Glx/tNAA, is given per window as % change from its mean over the ' +
      'unflagged windows lying wholly within −10 to 0 min from infusion start (windows where Glu, Glx or tNAA was not detected left out). ' +
      'Quality limits per session: SNR ≥ 20 and NAA FWHM ≤ 0.08 ppm in the average spectrum, median window CRLB ≤ 20 % for Glu, Glx, tNAA ' +
      'and tCr; sessions outside them were kept in the study statistics.');
  });

  it('follows the manifest\'s switches and the data', () => {
    const coils = { ...SESSION, acquisition: { ...ACQUISITION, coils: 32 }, windowSpanMin: 6.1, fittedComponents: ['NAA'] };
    const [preprocessing, fitting] = processingMethods(
      manifest({ referenceDeconvolution: true, residualWaterRemoval: false, model: 'dynamic', dynamic: { riseMin: 5, postInfusion: 'none', drift: true } }),
      [SESSION, coils],
    );
    expect(preprocessing).toContain('Receive channels were combined');
    expect(preprocessing).toContain('corrected by reference deconvolution with the unsuppressed water reference');
    expect(preprocessing).not.toContain('Eddy-current');
    expect(preprocessing).not.toContain('HLSVD');
    expect(fitting).toContain('(5.0–6.1 min)');
    expect(fitting).toContain('a baseline level, 1 − exp(−t/5 min) during the infusion, a linear drift; frequency and linewidth followed the same design.');
    expect(processingMethods(manifest({ model: 'peaks' }), [SESSION])[1]).toContain('prior-knowledge peak model');
    expect(processingMethods(manifest({ outcome: 'Glu' }), [SESSION])[2]).toMatch(
      /^tNAA = NAA \+ NAAG\. The outcome, Glu\/tNAA, .*\(windows where Glu or tNAA was not detected left out\)/,
    );
    expect(processingMethods(manifest({}), [{ ...SESSION, fittedComponents: ['NAA', 'Mac'] }])[1]).not.toContain('Built-in macromolecule');
  });
});
