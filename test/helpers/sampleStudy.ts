import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The committed sample study cut to its first subject (two visits), with absolute file paths, written as
 * `study.json` in `dir`; returns the manifest's path. `adapt` may change the manifest first.
 */
export function writeOneSubjectSampleStudy(dir: string, adapt: (manifest: { analysis: Record<string, unknown> }) => void = () => {}): string {
  const sample = resolve('sample-spectra');
  const manifest = JSON.parse(readFileSync(join(sample, 'study.json'), 'utf8'));
  manifest.subjects = manifest.subjects.slice(0, 1);
  for (const visit of manifest.subjects[0].visits) {
    visit.metabolite = join(sample, visit.metabolite);
    if (visit.water) visit.water = join(sample, visit.water);
  }
  adapt(manifest);
  const path = join(dir, 'study.json');
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}
