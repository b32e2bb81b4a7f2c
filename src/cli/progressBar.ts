/** A one-line progress bar on a terminal's stderr; silent when stderr is not a TTY (piped, CI, --json). */
export function progressBar(enabled: boolean): (done: number, total: number, label: string) => void {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return () => {};
  return (done, total, label) => {
    const width = 28;
    const filled = Math.round((width * done) / Math.max(1, total));
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`;
    stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1).padEnd(Math.min(line.length + 4, (stream.columns ?? 80) - 1))}`);
    if (done === total) stream.write('\n');
  };
}
