/** Split `count` items into contiguous [start, end) ranges of at most `size`. */
export function chunkRanges(count: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < count; start += size) ranges.push([start, Math.min(count, start + size)]);
  return ranges;
}

/** Chunk size that gives every worker a few tasks (for load balance) without tiny messages. */
export function chunkSizeFor(count: number, jobs: number, minimum = 4): number {
  return Math.max(minimum, Math.ceil(count / (jobs * 4)));
}
