import type { SpinFragment } from './spinSystems/brainMetabolites.js';

/**
 * Heteronuclear couplings are weak (Larmor frequencies differ by MHz) and the heteronuclei see no pulse, so their
 * Sz is conserved: the problem splits into independent proton problems, one per heteronuclear state, in which each
 * coupled proton is shifted by J·m. Each state has equal population (high-temperature limit).
 */
export function heteronuclearSectors(fragment: SpinFragment): { offsetsHz: number[]; weight: number }[] {
  let sectors = [{ offsetsHz: fragment.shiftsPpm.map(() => 0), weight: 1 }];
  for (const hetero of fragment.heteronuclei ?? []) {
    const magneticNumbers = hetero.nucleus === '14N' ? [-1, 0, 1] : [-0.5, 0.5];
    sectors = sectors.flatMap((sector) =>
      magneticNumbers.map((m) => {
        const offsetsHz = [...sector.offsetsHz];
        for (const [proton, jHz] of hetero.couplingsHz) offsetsHz[proton] += jHz * m;
        return { offsetsHz, weight: sector.weight / magneticNumbers.length };
      }),
    );
  }
  return sectors;
}
