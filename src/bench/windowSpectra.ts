/**
 * Plain (unaligned) averages of consecutive transients, `windowTransients` long every `stepTransients`: the
 * shape of a session's window spectra, for fitting-throughput benchmarks. n·2·points in, k·2·points out.
 */
export function windowAverages(transients: Float64Array, points: number, windowTransients: number, stepTransients: number): Float64Array {
  const length = 2 * points;
  const count = transients.length / length;
  const windows = count < windowTransients ? 0 : Math.floor((count - windowTransients) / stepTransients) + 1;
  const out = new Float64Array(windows * length);
  for (let w = 0; w < windows; w++) {
    const target = out.subarray(w * length, (w + 1) * length);
    const first = w * stepTransients;
    for (let d = first; d < first + windowTransients; d++) {
      for (let k = 0; k < length; k++) target[k] += transients[d * length + k];
    }
    for (let k = 0; k < length; k++) target[k] /= windowTransients;
  }
  return out;
}

/** Mean of the first `count` transients (fewer if the data hold fewer): one window's spectrum. */
export function firstWindowAverage(transients: Float64Array, points: number, count: number): Float64Array {
  const length = 2 * points;
  const used = Math.max(1, Math.min(count, transients.length / length));
  return windowAverages(transients.subarray(0, used * length), points, used, used);
}
