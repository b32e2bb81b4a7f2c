import type { MrsData } from '../types/mrsData.js';
import { InputFileError } from '../util/errors.js';
import { conjugateInPlace } from './complexSamples.js';
import { geLayout, SUPPORTED_GE_REVISIONS, type GeLayout } from './gePfileLayout.js';

export interface GePfileOptions {
  /** PROBE files hold water-suppressed frames and unsuppressed reference frames; pick one (default metabolite). */
  geFrames?: 'metabolite' | 'water';
}

/**
 * GE P-file (PROBE-P style SVS) by header revision (see gePfileLayout). Per receiver the data hold
 * frames of `frame_size` complex int16/int32 points, optionally led by one baseline frame per block:
 * reference (water) frames first (count in rhuser19), then water-suppressed frames, each frame the sum
 * of `navs` transients. GE stores the mirror of our convention, so samples are conjugated.
 */
export function readGePfile(bytes: Uint8Array, name: string, options: GePfileOptions = {}): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  if (bytes.length < 4096) fail(`too short for a GE P-file (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const plausible = (r: number) => Number.isFinite(r) && r >= 5 && r < 40;
  const littleEndian = plausible(view.getFloat32(0, true));
  const revision = view.getFloat32(0, littleEndian);
  if (!plausible(revision)) fail('not a GE P-file (no plausible header revision in the first 4 bytes)');
  const layout = geLayout(revision) ?? fail(`GE P-file header revision ${revision} is not supported (supported: ${SUPPORTED_GE_REVISIONS.join(', ')})`);
  if (bytes.length < layout.imageTr + 12) fail(`header truncated (revision ${revision} needs ${layout.imageTr + 12} bytes)`);

  const int16 = (offset: number) => view.getInt16(offset, littleEndian);
  const float32 = (offset: number) => view.getFloat32(offset, littleEndian);
  const points = view.getUint16(layout.frameSize, littleEndian);
  const pointSize = int16(layout.pointSize);
  const framesPerReceiver = int16(layout.nframes) * Math.max(1, int16(layout.nechoes)) * Math.max(1, int16(layout.nslices));
  if (!(framesPerReceiver > 0 && points > 0)) fail(`invalid frame count ${framesPerReceiver} or frame size ${points}`);
  if (pointSize !== 2 && pointSize !== 4) fail(`unsupported point size ${pointSize} bytes`);
  const receivers = receiverCount(layout, int16);
  const frameBytes = points * 2 * pointSize;
  const dataOffset = layout.offData === null ? bytes.length - receivers * framesPerReceiver * frameBytes : view.getInt32(layout.offData, littleEndian);
  if (!(dataOffset >= layout.imageTr && dataOffset <= bytes.length)) fail(`data offset ${dataOffset} is outside the file (truncated?)`);
  const storedFrames = (bytes.length - dataOffset) / (receivers * frameBytes);
  // Each receiver block may start with one baseline (all-zero) frame that is not data.
  const baseline = storedFrames === framesPerReceiver + 1 ? 1 : 0;
  if (storedFrames !== framesPerReceiver + baseline) {
    fail(`data size does not match the header: ${receivers} receivers × ${framesPerReceiver} frames of ${points} points expected (file truncated?)`);
  }

  const spectralWidthHz = float32(layout.spectralWidth);
  if (!(spectralWidthHz > 0)) fail(`invalid spectral width ${spectralWidthHz}`);
  const frequencyHz = view.getUint32(layout.psMpsFreq, littleEndian) / 10;
  if (!(frequencyHz > 0)) fail('invalid centre frequency (ps_mps_freq)');
  const referenceFrames = Math.round(float32(layout.user0 + 4 * 19));
  if (!(referenceFrames >= 0 && referenceFrames < framesPerReceiver)) fail(`invalid reference frame count (rhuser19 = ${referenceFrames})`);

  const water = options.geFrames === 'water';
  const first = water ? 0 : referenceFrames;
  const count = water ? referenceFrames : framesPerReceiver - referenceFrames;
  if (count === 0) fail(`the file holds no ${water ? 'water reference' : 'water-suppressed'} frames`);
  const data = new Float64Array(2 * points * receivers * count);
  for (let r = 0; r < receivers; r++) {
    for (let f = 0; f < count; f++) {
      const from = dataOffset + ((r * (framesPerReceiver + baseline) + baseline + first + f) * frameBytes);
      const to = 2 * points * (f * receivers + r); // transients outer, receivers inner (DIM_COIL then DIM_DYN)
      for (let i = 0; i < 2 * points; i++) {
        data[to + i] = pointSize === 4 ? view.getInt32(from + 4 * i, littleEndian) : view.getInt16(from + 2 * i, littleEndian);
      }
    }
  }
  conjugateInPlace(data);

  const trUs = view.getInt32(layout.imageTr, littleEndian);
  const teUs = view.getInt32(layout.imageTr + 8, littleEndian);
  const repetitionTimeS = trUs > 0 && trUs < 1e8 ? trUs / 1e6 : null;
  const averagesPerFrame = Math.max(1, int16(layout.navs));
  const dims = [...(receivers > 1 ? [{ tag: 'DIM_COIL', size: receivers }] : []), ...(count > 1 ? [{ tag: 'DIM_DYN', size: count }] : [])];
  return {
    data,
    points,
    dwellTimeS: 1 / spectralWidthHz,
    spectrometerFrequencyMHz: frequencyHz / 1e6,
    nucleus: '1H',
    dims,
    echoTimeS: teUs > 0 && teUs < 1e7 ? teUs / 1e6 : null,
    repetitionTimeS,
    // Each frame sums `navs` consecutive transients: time a frame by its first transient.
    transientTimesS: repetitionTimeS !== null && count > 1 ? Float64Array.from({ length: count }, (_, i) => i * averagesPerFrame * repetitionTimeS) : null,
    provenance: { format: 'ge-pfile', sourceName: name, processingApplied: [] },
  };
}

/** Receivers in use: the sum of the dab (start, stop) ranges; none set means a single receiver. */
function receiverCount(layout: GeLayout, int16: (offset: number) => number): number {
  let receivers = 0;
  for (let d = 0; d < 4; d++) {
    const start = int16(layout.dab + 4 * d);
    const stop = int16(layout.dab + 4 * d + 2);
    if (stop >= start && !(start === 0 && stop === 0 && d > 0)) receivers += stop - start + 1;
  }
  return Math.max(1, receivers);
}
