/**
 * Byte offsets of the GE P-file header fields the reader needs, by raw-header (rdbm) revision. The
 * revision 9 offsets were checked on the PROBE-P files in the shared data (against their SAGE `.shf`
 * text headers); the others follow the published header layouts (as tabulated by Vespa's and SIVIC's
 * readers), which agree with revision 9 on every field shared with it.
 */
export interface GeLayout {
  nslices: number;
  nechoes: number;
  navs: number;
  nframes: number;
  frameSize: number;
  pointSize: number;
  /** dab[0].start_rcv; four (start, stop) int16 pairs follow. */
  dab: number;
  /** rhr user0; user19 (reference frame count) is 19 floats further. */
  user0: number;
  spectralWidth: number;
  psMpsFreq: number;
  /** int32 offset of the data, or null when the data simply fill the end of the file (old revisions). */
  offData: number | null;
  /** Image header TR (µs); TI and TE follow at +4 and +8. */
  imageTr: number;
}

/** Revisions up to 25 share the start of the raw header; 26 moved it by 76 bytes. */
const CLASSIC = { nslices: 68, nechoes: 70, navs: 72, nframes: 74, frameSize: 80, pointSize: 82, dab: 200, user0: 216, spectralWidth: 368, psMpsFreq: 424 };
const SHIFTED_26 = { nslices: 144, nechoes: 146, navs: 148, nframes: 150, frameSize: 156, pointSize: 158, dab: 264, user0: 280, spectralWidth: 432, psMpsFreq: 488 };

const LAYOUTS: Record<number, GeLayout> = {
  9: { ...CLASSIC, offData: null, imageTr: 60128 },
  14: { ...CLASSIC, offData: 1468, imageTr: 144572 },
  15: { ...CLASSIC, offData: 1468, imageTr: 144572 },
  16: { ...CLASSIC, offData: 1468, imageTr: 144620 },
  20: { ...CLASSIC, offData: 1468, imageTr: 148396 },
  21: { ...CLASSIC, offData: 1468, imageTr: 148944 },
  23: { ...CLASSIC, offData: 1468, imageTr: 148944 },
  24: { ...CLASSIC, offData: 1468, imageTr: 148396 },
  25: { ...CLASSIC, offData: 1468, imageTr: 148396 },
  26: { ...SHIFTED_26, offData: 4, imageTr: 199236 },
};

export const SUPPORTED_GE_REVISIONS = Object.keys(LAYOUTS).map(Number);

export function geLayout(revision: number): GeLayout | undefined {
  return LAYOUTS[Math.floor(revision)];
}
