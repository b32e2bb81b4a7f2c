import type { SessionAcquisition } from '../types/acquisition.js';
import { fidCount, type MrsData } from '../types/mrsData.js';

/** The acquisition of a session from its metabolite file as read (`raw`) and after coil combination. */
export function sessionAcquisition(raw: MrsData, combined: MrsData, waterReference: boolean): SessionAcquisition {
  return {
    format: raw.provenance.format,
    sequenceName: raw.sequenceName?.trim() || null,
    spectrometerFrequencyMHz: raw.spectrometerFrequencyMHz,
    fieldStrengthT: raw.fieldStrengthT ?? null,
    echoTimeS: raw.echoTimeS,
    repetitionTimeS: raw.repetitionTimeS,
    nucleus: raw.nucleus,
    points: raw.points,
    dwellTimeS: raw.dwellTimeS,
    transients: fidCount(combined),
    coils: raw.dims.find((d) => d.tag === 'DIM_COIL')?.size ?? 1,
    voxelSizeMm: raw.voxelSizeMm ?? null,
    waterReference,
  };
}
