/**
 * 1H spin systems of the brain metabolites, as data.
 *
 * Chemical shifts (ppm) and J couplings (Hz) are from
 *   V. Govindaraju, K. Young, A.A. Maudsley. Proton NMR chemical shifts and coupling constants for brain
 *   metabolites. NMR Biomed 2000;13:129–153 (Table 2), doi:10.1002/1099-1492(200005)13:3<129::AID-NBM619>3.0.CO;2-V,
 * with the glucose anomer fractions (36 % α, 64 % β) used by the ISMRM 2016 fitting challenge and
 * the macromolecule lines of the LCModel manual (S. Provencher, LCModel & LCMgui User's Manual, §11.7:
 * MM09, MM12, MM14, MM17, MM20 as Gaussians with the listed centres, FWHM and relative proton counts).
 *
 * Each metabolite is a list of fragments. A fragment's spins couple only within the fragment; coupling between
 * fragments (< 1 Hz or across a heteroatom such as the amide N or the phosphate) is neglected, the standard
 * simplification (e.g. the N(CH3)3 of the cholines, the acetyl of NAA, the moieties of GSH and NAAG).
 * Exchangeable NH/OH protons are left out (in vivo they are saturated or broadened by water suppression).
 * The corrigendum (V. Govind, K. Young, A.A. Maudsley, NMR Biomed 2015;28:923–924, doi:10.1002/nbm.3336) adds the
 * geminal couplings of GABA, and the geminal and heteronuclear (31P, 14N) couplings of PCh, GPC and PE used here.
 * `scale` multiplies a fragment's signal: `n` magnetically equivalent, uncoupled protons are one spin with scale n;
 * the glucose anomers carry their mole fractions.
 */

export interface SpinFragment {
  /** Chemical shift of each spin, ppm. */
  shiftsPpm: number[];
  /** Scalar couplings as [spin index, spin index, J in Hz] (0-based within the fragment). */
  couplingsHz: [number, number, number][];
  /** Signal multiplier (equivalent protons folded into one spin, or a mole fraction). Default 1. */
  scale?: number;
  /** Couplings to non-proton nuclei (31P, 14N): weak by construction, untouched by 1H pulses. */
  heteronuclei?: Heteronucleus[];
}

export interface Heteronucleus {
  nucleus: '31P' | '14N';
  /** [proton spin index, J in Hz]. */
  couplingsHz: [number, number][];
}

export interface MetaboliteSpinSystem {
  name: string;
  fragments: SpinFragment[];
}

export interface GaussianLine {
  ppm: number;
  fwhmPpm: number;
  /** Relative proton count of the line. */
  protons: number;
}

export interface MacromoleculeComponent {
  name: string;
  lines: GaussianLine[];
}

const phosphorus = (couplingsHz: [number, number][]): Heteronucleus => ({ nucleus: '31P', couplingsHz });
const nitrogen = (couplingsHz: [number, number][]): Heteronucleus => ({ nucleus: '14N', couplingsHz });

const singlet = (ppm: number, protons: number): SpinFragment => ({ shiftsPpm: [ppm], couplingsHz: [], scale: protons });

/** A coupled CH3 as three explicit spins, each coupled to spin `partner` (index in the same fragment) by `jHz`. */
const methylCoupledTo = (ppm: number, partner: number, jHz: number, firstIndex: number) => ({
  shifts: [ppm, ppm, ppm],
  couplings: [0, 1, 2].map((k): [number, number, number] => [partner, firstIndex + k, jHz]),
});

/** Glutamate-like X–CH–CH2–CH2 moiety: spins 0 (2-CH), 1,2 (3-CH2), 3,4 (4-CH2). */
function glutamylMoiety(
  shifts: [number, number, number, number, number],
  j: { j23: number; j23p: number; j33p: number; j34: number; j34p: number; j3p4: number; j3p4p: number; j44p: number },
): SpinFragment {
  return {
    shiftsPpm: shifts,
    couplingsHz: [
      [0, 1, j.j23],
      [0, 2, j.j23p],
      [1, 2, j.j33p],
      [1, 3, j.j34],
      [1, 4, j.j34p],
      [2, 3, j.j3p4],
      [2, 4, j.j3p4p],
      [3, 4, j.j44p],
    ],
  };
}

/** Aspartyl-like X–CH–CH2 (AMX/ABX) moiety: spins 0 (2-CH), 1,2 (3-CH2). */
function aspartylMoiety(shifts: [number, number, number], j23: number, j23p: number, j33p: number): SpinFragment {
  return {
    shiftsPpm: shifts,
    couplingsHz: [
      [0, 1, j23],
      [0, 2, j23p],
      [1, 2, j33p],
    ],
  };
}

/** –CH2–CH2– (AA'BB') moiety: spins 0,1 (first CH2), 2,3 (second CH2). */
function ethyleneMoiety(
  ppmA: number,
  ppmB: number,
  j: { j12: number; j12p: number; j1p2: number; j1p2p: number; gemA?: number; gemB?: number },
  heteronuclei?: Heteronucleus[],
): SpinFragment {
  return {
    ...(heteronuclei ? { heteronuclei } : {}),
    shiftsPpm: [ppmA, ppmA, ppmB, ppmB],
    couplingsHz: [
      [0, 2, j.j12],
      [0, 3, j.j12p],
      [1, 2, j.j1p2],
      [1, 3, j.j1p2p],
      ...(j.gemA === undefined ? [] : [[0, 1, j.gemA] as [number, number, number]]),
      ...(j.gemB === undefined ? [] : [[2, 3, j.gemB] as [number, number, number]]),
    ],
  };
}

/** A six-membered ring of CH protons coupled to neighbours (inositols, glucose ring without C6). */
function ringCouplings(jNeighbours: number[]): [number, number, number][] {
  return jNeighbours.map((j, k): [number, number, number] => [k, (k + 1) % jNeighbours.length, j]);
}

function glucoseAnomer(shifts: number[], j: number[], fraction: number): SpinFragment {
  // spins 0..4 = H1..H5, 5,6 = H6, H6'; j = [J12, J23, J34, J45, J56, J56', J66']
  return {
    shiftsPpm: shifts,
    couplingsHz: [
      [0, 1, j[0]],
      [1, 2, j[1]],
      [2, 3, j[2]],
      [3, 4, j[3]],
      [4, 5, j[4]],
      [4, 6, j[5]],
      [5, 6, j[6]],
    ],
    scale: fraction,
  };
}

const alanineMethyl = methylCoupledTo(1.4667, 0, 7.234, 1);
const lactateMethyl = methylCoupledTo(1.3142, 0, 6.933, 1);

export const METABOLITE_SPIN_SYSTEMS: readonly MetaboliteSpinSystem[] = [
  { name: 'Ala', fragments: [{ shiftsPpm: [3.7746, ...alanineMethyl.shifts], couplingsHz: alanineMethyl.couplings }] },
  {
    name: 'Asc',
    fragments: [
      {
        // 4-CH, 5-CH, 6-CH2
        shiftsPpm: [4.4965, 4.0072, 3.7437, 3.7197],
        couplingsHz: [
          [0, 1, 2.055],
          [1, 2, 5.953],
          [1, 3, 7.643],
          [2, 3, -11.249],
        ],
      },
    ],
  },
  { name: 'Asp', fragments: [aspartylMoiety([3.8914, 2.8011, 2.6533], 3.647, 9.107, -17.426)] },
  { name: 'Cr', fragments: [singlet(3.027, 3), singlet(3.913, 2)] },
  { name: 'PCr', fragments: [singlet(3.029, 3), singlet(3.93, 2)] },
  {
    name: 'GABA',
    fragments: [
      {
        // 2-CH2 (spins 0,1), 3-CH2 (2,3), 4-CH2 (4,5)
        shiftsPpm: [3.0128, 3.0128, 1.889, 1.889, 2.284, 2.284],
        couplingsHz: [
          [0, 2, 5.372],
          [0, 3, 7.127],
          [1, 2, 10.578],
          [1, 3, 6.982],
          [2, 4, 7.755],
          [2, 5, 6.173],
          [3, 4, 7.432],
          [3, 5, 7.933],
          // geminal couplings added by the 2015 corrigendum
          [0, 1, -12.021],
          [2, 3, -13.121],
          [4, 5, -10.744],
        ],
      },
    ],
  },
  {
    name: 'Glc',
    fragments: [
      glucoseAnomer([5.216, 3.519, 3.698, 3.395, 3.822, 3.826, 3.749], [3.8, 9.6, 9.4, 9.9, 1.5, 6.0, -12.1], 0.36),
      glucoseAnomer([4.63, 3.23, 3.473, 3.387, 3.45, 3.882, 3.707], [8.0, 9.1, 9.4, 8.9, 1.6, 5.4, -12.3], 0.64),
    ],
  },
  {
    name: 'Gln',
    fragments: [
      glutamylMoiety([3.753, 2.129, 2.109, 2.432, 2.454], {
        j23: 5.847,
        j23p: 6.5,
        j33p: -14.504,
        j34: 9.165,
        j34p: 6.347,
        j3p4: 6.324,
        j3p4p: 9.209,
        j44p: -15.371,
      }),
    ],
  },
  {
    name: 'Glu',
    fragments: [
      glutamylMoiety([3.7433, 2.0375, 2.12, 2.3378, 2.352], {
        j23: 7.331,
        j23p: 4.651,
        j33p: -14.849,
        j34: 8.406,
        j34p: 6.875,
        j3p4: 6.413,
        j3p4p: 8.478,
        j44p: -15.915,
      }),
    ],
  },
  {
    name: 'GPC',
    fragments: [
      {
        // glycerol: 1-CH2 (0,1), 2-CH (2), 3-CH2 (3,4)
        shiftsPpm: [3.605, 3.672, 3.903, 3.871, 3.946],
        couplingsHz: [
          [0, 1, -14.78],
          [0, 2, 5.77],
          [1, 2, 4.53],
          [2, 3, 5.77],
          [2, 4, 4.53],
          [3, 4, -14.78],
        ],
        heteronuclei: [phosphorus([[3, 6.03], [4, 6.03]])],
      },
      ethyleneMoiety(4.312, 3.659, { j12: 3.1, j12p: 5.9, j1p2: 5.9, j1p2p: 3.1, gemA: -9.32, gemB: -9.32 }, [
        phosphorus([[0, 6.03], [1, 6.03]]),
        nitrogen([[0, 2.67], [1, 2.67]]),
      ]),
      singlet(3.212, 9),
    ],
  },
  {
    name: 'PCh',
    fragments: [
      ethyleneMoiety(4.2805, 3.641, { j12: 2.284, j12p: 7.231, j1p2: 7.326, j1p2p: 2.235, gemA: -14.89, gemB: -14.19 }, [
        phosphorus([[0, 6.298], [1, 6.249]]),
        nitrogen([[0, 2.68], [1, 2.772]]),
      ]),
      singlet(3.208, 9),
    ],
  },
  {
    name: 'GSH',
    fragments: [
      glutamylMoiety([3.769, 2.159, 2.146, 2.51, 2.56], {
        j23: 6.34,
        j23p: 6.36,
        j33p: -15.48,
        j34: 6.7,
        j34p: 7.6,
        j3p4: 7.6,
        j3p4p: 6.7,
        j44p: -15.92,
      }),
      aspartylMoiety([4.5608, 2.9264, 2.9747], 7.09, 4.71, -14.06), // cysteinyl CH–CH2
      singlet(3.769, 2), // glycyl CH2
    ],
  },
  { name: 'Lac', fragments: [{ shiftsPpm: [4.0974, ...lactateMethyl.shifts], couplingsHz: lactateMethyl.couplings }] },
  {
    name: 'Ins',
    fragments: [
      {
        shiftsPpm: [3.5217, 4.0538, 3.5217, 3.6144, 3.269, 3.6144],
        couplingsHz: ringCouplings([2.889, 3.006, 9.997, 9.485, 9.482, 9.998]),
      },
    ],
  },
  { name: 'sIns', fragments: [singlet(3.34, 6)] },
  { name: 'NAA', fragments: [singlet(2.008, 3), aspartylMoiety([4.3817, 2.6727, 2.4863], 3.861, 9.821, -15.592)] },
  {
    name: 'NAAG',
    fragments: [
      singlet(2.042, 3),
      aspartylMoiety([4.6075, 2.7203, 2.5191], 4.412, 9.515, -15.91),
      glutamylMoiety([4.128, 1.8807, 2.0487, 2.1805, 2.1893], {
        j23: 4.61,
        j23p: 8.42,
        j33p: -14.28,
        j34: 10.56,
        j34p: 6.09,
        j3p4: 4.9,
        j3p4p: 11.11,
        j44p: -15.28,
      }),
    ],
  },
  {
    name: 'PE',
    fragments: [
      ethyleneMoiety(3.9765, 3.216, { j12: 3.182, j12p: 6.716, j1p2: 7.204, j1p2p: 2.98, gemA: -14.56, gemB: -14.71 }, [
        phosphorus([[0, 7.288], [1, 7.088]]),
        nitrogen([[0, 0.464], [1, 0.588]]),
      ]),
    ],
  },
  {
    name: 'Tau',
    fragments: [
      ethyleneMoiety(3.4206, 3.2459, { j12: 6.742, j12p: 6.464, j1p2: 6.403, j1p2p: 6.792, gemA: -12.438, gemB: -12.93 }),
    ],
  },
];

/** LCModel manual §11.7 default macromolecule and lipid-free MM model (centres and FWHM in ppm). */
export const MACROMOLECULE_COMPONENTS: readonly MacromoleculeComponent[] = [
  { name: 'MM09', lines: [{ ppm: 0.91, fwhmPpm: 0.14, protons: 3 }] },
  { name: 'MM12', lines: [{ ppm: 1.21, fwhmPpm: 0.15, protons: 2 }] },
  { name: 'MM14', lines: [{ ppm: 1.43, fwhmPpm: 0.17, protons: 2 }] },
  { name: 'MM17', lines: [{ ppm: 1.67, fwhmPpm: 0.15, protons: 2 }] },
  {
    name: 'MM20',
    lines: [
      { ppm: 2.08, fwhmPpm: 0.15, protons: 1.33 },
      { ppm: 2.25, fwhmPpm: 0.2, protons: 0.33 },
      { ppm: 1.95, fwhmPpm: 0.15, protons: 0.33 },
      { ppm: 3.0, fwhmPpm: 0.2, protons: 0.4 },
    ],
  },
];
