import { readMrsFile, type ReadMrsFileOptions } from '../io/readMrsFile.js';
import { writeNiftiMrs } from '../io/niftiMrsWrite.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

/** `glutrace convert FILE -o OUT.nii[.gz]`: any supported format to NIfTI-MRS. */
export function convertCommand(file: string, output: string, read: ReadMrsFileOptions, json: boolean): void {
  const mrs = readMrsFile(file, read);
  writeFileAtomic(output, writeNiftiMrs(mrs, { gzip: output.endsWith('.gz') }));
  const shape = [mrs.points, ...mrs.dims.map((d) => d.size)];
  process.stdout.write(json ? `${JSON.stringify({ input: file, output, format: mrs.provenance.format, shape })}\n` : `Wrote ${output} (${mrs.provenance.format}, ${shape.join(' × ')})\n`);
}
