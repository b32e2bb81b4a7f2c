import { forwardFft } from '../dsp/fft.js';
import type { Basis } from '../types/basis.js';

export interface LcmodelBasisOptions {
  /** Free text for IDBASI. Default: the basis source. */
  id?: string;
  /** SEQ field, e.g. 'PRESS'. Default blank. */
  sequenceName?: string;
  /** Linewidth of the basis spectra (FWHMBA), Hz. Default 1 (simulateBasis's default broadening). */
  fwhmHz?: number;
}

/** LCModel bases are stored zero-filled to twice the FID length, as MAKEBASIS does. */
const ZERO_FILL_FACTOR = 2;
const VALUES_PER_LINE = 6;

/**
 * An LCModel `.BASIS` file: $SEQPAR and $BASIS1 namelists, then per metabolite $NMUSED and $BASIS namelists and its spectrum
 * in FMTBAS '(6E13.5)'. LCModel stores the unshifted, unitary (1/√N) FFT of its time-domain signal, which is the
 * complex conjugate of the NIfTI-MRS FID — the inverse of src/io/lcmodelBasis.ts, which was verified against the
 * ISMRM 2016 challenge basis and its .RAW files. The ISMRM basis is 1 unit per proton in this scaling, as ours is.
 */
export function formatLcmodelBasis(basis: Basis, options: LcmodelBasisOptions = {}): string {
  const length = basis.points * ZERO_FILL_FACTOR;
  const lines = [
    ' $SEQPAR',
    ` FWHMBA = ${fortranReal((options.fwhmHz ?? 1) / basis.spectrometerFrequencyMHz)},`,
    ` HZPPPM = ${fortranReal(basis.spectrometerFrequencyMHz)},`,
    ` ECHOT = ${fortranReal((basis.echoTimeS ?? 0) * 1000)},`,
    ` SEQ = ${quoted(options.sequenceName ?? ' ')}`,
    ' $END',
    ' $BASIS1',
    ` IDBASI = ${quoted(options.id ?? basis.source)},`,
    " FMTBAS = '(6E13.5)',",
    ` BADELT = ${fortranReal(basis.dwellTimeS)},`,
    ` NDATAB = ${length}`,
    ' $END',
  ];
  const conjugated = new Float64Array(2 * length);
  const spectrum = new Float64Array(2 * length);
  const unitary = 1 / Math.sqrt(length);
  basis.names.forEach((name, index) => {
    const fid = basis.fids[index];
    conjugated.fill(0);
    for (let n = 0; n < basis.points; n++) {
      conjugated[2 * n] = fid[2 * n];
      conjugated[2 * n + 1] = -fid[2 * n + 1];
    }
    forwardFft(conjugated, spectrum);
    for (let i = 0; i < spectrum.length; i++) spectrum[i] *= unitary;
    // MAKEBASIS writes a $NMUSED namelist before each $BASIS. LCModel skips it, but FID-A/Osprey's basis reader
    // takes it as the end of the previous spectrum's data lines and fails on a file without it.
    lines.push(' $NMUSED', ' $END', ' $BASIS', ` ID = ${quoted(name)},`, ` METABO = ${quoted(name)},`, ' CONC = 1.,', ' TRAMP = 1.,', ' VOLUME = 1.,', ' ISHIFT = 0', ' $END');
    for (let start = 0; start < spectrum.length; start += VALUES_PER_LINE) {
      let line = '';
      for (let i = start; i < Math.min(start + VALUES_PER_LINE, spectrum.length); i++) line += fortranE13(spectrum[i]);
      lines.push(line);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** Fortran E13.5: mantissa in [0.1, 1), e.g. " -0.12345E+03". */
export function fortranE13(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to an LCModel basis`);
  let mantissa = Math.abs(value);
  let exponent = 0;
  if (mantissa !== 0) {
    exponent = Math.floor(Math.log10(mantissa)) + 1;
    mantissa /= 10 ** exponent;
    // correct log10 rounding and the case where rounding to 5 digits reaches 1.0
    if (mantissa >= 1) {
      mantissa /= 10;
      exponent += 1;
    }
    if (mantissa < 0.1) {
      mantissa *= 10;
      exponent -= 1;
    }
    if (Math.round(mantissa * 1e5) >= 1e5) {
      mantissa = 0.1;
      exponent += 1;
    }
  }
  const digits = mantissa.toFixed(5).slice(1); // ".12345"
  const exponentText = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return `${value < 0 ? '-' : ''}0${digits}E${exponentText}`.padStart(13);
}

function fortranReal(value: number): string {
  return Number.isInteger(value) ? `${value}.` : String(value);
}

function quoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
