import { InputFileError } from '../util/errors.js';

/** One metabolite of an FSL-MRS JSON basis folder. */
export interface FslBasisSpectrum {
  name: string;
  fid: Float64Array;
  dwellTimeS: number;
  centreMHz: number;
}

/**
 * One FSL-MRS basis JSON file: `basis.basis_re/basis_im` (time domain), `basis_dwell` (s),
 * `basis_centre` (MHz), `basis_name`. FSL-MRS stores basis FIDs in the NIfTI-MRS on-disk sign convention
 * (NAA at 7.29 ppm under our FFT), so they are conjugated.
 */
export function readFslJsonBasisFile(bytes: Uint8Array, name: string): FslBasisSpectrum {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    fail(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const root = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const basis = (typeof root.basis === 'object' && root.basis !== null ? root.basis : root) as Record<string, unknown>;
  const re = basis.basis_re;
  const im = basis.basis_im;
  if (!Array.isArray(re) || !Array.isArray(im)) fail('no basis_re/basis_im arrays (not an FSL-MRS basis file)');
  const real = re as unknown[];
  const imag = im as unknown[];
  if (real.length !== imag.length || real.length < 2) fail(`basis_re (${real.length}) and basis_im (${imag.length}) lengths differ`);
  const fid = new Float64Array(2 * real.length);
  for (let n = 0; n < real.length; n++) {
    const r = real[n];
    const i = imag[n];
    if (typeof r !== 'number' || typeof i !== 'number') fail(`basis point ${n} is not a number`);
    fid[2 * n] = r as number;
    fid[2 * n + 1] = -(i as number);
  }
  const dwellTimeS = basis.basis_dwell;
  const centreMHz = basis.basis_centre;
  if (typeof dwellTimeS !== 'number' || !(dwellTimeS > 0)) fail('basis_dwell is missing or not positive');
  if (typeof centreMHz !== 'number' || !(centreMHz > 0)) fail('basis_centre is missing or not positive');
  const basisName = typeof basis.basis_name === 'string' && basis.basis_name !== '' ? basis.basis_name : undefined;
  return { name: basisName ?? '', fid, dwellTimeS: dwellTimeS as number, centreMHz: centreMHz as number };
}
