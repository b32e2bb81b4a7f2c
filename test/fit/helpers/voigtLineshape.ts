/** A Voigt lineshape (Lorentzian FWHM, Gaussian FWHM in Hz), frequency shift and zero-order phase. */
export interface VoigtLineshape {
  lorentzianHz: number;
  gaussianHz: number;
  shiftHz: number;
  phase0Deg: number;
}

/** Multiplies a FID by exp(−π·L·t − G·t²) · exp(i(2π·shift·t + φ0)), in place. */
export function applyVoigtLineshapeInPlace(fid: Float64Array, dwellTimeS: number, lineshape: VoigtLineshape): void {
  const gaussianRate = (Math.PI * lineshape.gaussianHz) ** 2 / (4 * Math.LN2);
  const phase = (lineshape.phase0Deg * Math.PI) / 180;
  for (let n = 0; n < fid.length / 2; n++) {
    const t = n * dwellTimeS;
    const envelope = Math.exp(-Math.PI * lineshape.lorentzianHz * t - gaussianRate * t * t);
    const angle = 2 * Math.PI * lineshape.shiftHz * t + phase;
    const c = envelope * Math.cos(angle);
    const s = envelope * Math.sin(angle);
    const re = fid[2 * n];
    const im = fid[2 * n + 1];
    fid[2 * n] = re * c - im * s;
    fid[2 * n + 1] = re * s + im * c;
  }
}
