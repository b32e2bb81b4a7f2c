/** Negate every imaginary part of interleaved complex data: mirrors the spectrum about its centre. */
export function conjugateInPlace(data: Float64Array): Float64Array {
  for (let i = 1; i < data.length; i += 2) data[i] = -data[i];
  return data;
}
