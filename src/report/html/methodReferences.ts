/** Full references for the in-text citations of the methods text, keyed as they appear there. */
export const METHOD_REFERENCES: Readonly<Record<string, string>> = {
  'Barkhuijsen et al. 1987': 'Barkhuijsen H, de Beer R, van Ormondt D. Improved algorithm for noniterative time-domain model fitting to exponentially damped magnetic resonance signals. J Magn Reson 1987;73:553–557.',
  'Cavassila et al. 2001': 'Cavassila S, Deval S, Huegen C, van Ormondt D, Graveron-Demilly D. Cramér–Rao bounds: an evaluation tool for quantitation. NMR Biomed 2001;14:278–283.',
  'de Graaf et al. 1990': 'de Graaf AA, van Dijk JE, Bovée WMMJ. QUALITY: quantification improvement by converting lineshapes to the Lorentzian type. Magn Reson Med 1990;13:343–357.',
  'Golub & Pereyra 1973': 'Golub GH, Pereyra V. The differentiation of pseudo-inverses and nonlinear least squares problems whose variables separate. SIAM J Numer Anal 1973;10:413–432.',
  'Hall et al. 2014': 'Hall EL, Stephenson MC, Price D, Morris PG. Methodology for improved detection of low concentration metabolites in MRS: optimised combination of signals from multi-element coil arrays. NeuroImage 2014;86:35–42.',
  'Kenward & Roger 1997': 'Kenward MG, Roger JH. Small sample inference for fixed effects from restricted maximum likelihood. Biometrics 1997;53:983–997.',
  'Klose 1990': 'Klose U. In vivo proton spectroscopy in presence of eddy currents. Magn Reson Med 1990;14:26–30.',
  'Near et al. 2015': 'Near J, Edden R, Evans CJ, Paquin R, Harris A, Jezzard P. Frequency and phase drift correction of magnetic resonance spectroscopy data by spectral registration in the time domain. Magn Reson Med 2015;73:44–50.',
  'Provencher 1993': 'Provencher SW. Estimation of metabolite concentrations from localized in vivo proton NMR spectra. Magn Reson Med 1993;30:672–679.',
  'Rodgers & Robson 2010': 'Rodgers CT, Robson MD. Receive array magnetic resonance spectroscopy: whitened singular value decomposition (WSVD) gives optimal Bayesian solution. Magn Reson Med 2010;63:881–891.',
  'Satterthwaite 1946': 'Satterthwaite FE. An approximate distribution of estimates of variance components. Biometrics Bulletin 1946;2:110–114.',
};

/** The references cited in `texts`, in alphabetical order. */
export function citedReferences(texts: readonly string[]): string[] {
  const all = texts.join('\n');
  return Object.keys(METHOD_REFERENCES).filter((key) => all.includes(key)).sort().map((key) => METHOD_REFERENCES[key]);
}
