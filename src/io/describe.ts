import type { MrsData } from '../types/mrsData.js';
import { readMrsFile, type ReadMrsFileOptions } from './readMrsFile.js';

/** What `glutrace info` prints about a file. */
export interface MrsFileDescription {
  file: string;
  format: string;
  nucleus: string;
  spectrometerFrequencyMHz: number;
  dwellTimeS: number;
  spectralWidthHz: number;
  points: number;
  /** [points, …dim sizes]. */
  shape: number[];
  dimTags: string[];
  echoTimeS: number | null;
  repetitionTimeS: number | null;
}

export function describeMrsFile(path: string, options: ReadMrsFileOptions = {}): MrsFileDescription {
  return describeMrsData(path, readMrsFile(path, options));
}

export function describeMrsData(file: string, mrs: MrsData): MrsFileDescription {
  return {
    file,
    format: mrs.provenance.format,
    nucleus: mrs.nucleus,
    spectrometerFrequencyMHz: mrs.spectrometerFrequencyMHz,
    dwellTimeS: mrs.dwellTimeS,
    spectralWidthHz: 1 / mrs.dwellTimeS,
    points: mrs.points,
    shape: [mrs.points, ...mrs.dims.map((d) => d.size)],
    dimTags: mrs.dims.map((d) => d.tag),
    echoTimeS: mrs.echoTimeS,
    repetitionTimeS: mrs.repetitionTimeS,
  };
}
