import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { testScratchDir } from '../helpers/scratchDir.js';

/** Real files from ../shared/mrs-data (never copied into the repo). */
export const mrsData = (path: string): string => resolve('../shared/mrs-data', path);
export const steamMetabolite = mrsData('nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz');
export const steamWater = mrsData('nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz');

export interface RealVisit {
  metabolite: string;
  water?: string;
  infusionStartMin?: number;
}

export interface RunOutcome {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Text of an output file, '' when it was not written. */
  output: (name: string) => string;
  dir: string;
}

/**
 * `glutrace run` on a one-subject study whose visits point at real scanner files (7T STEAM, 16 transients
 * of TR 5 s by default: windows of 4 transients every 2, baseline the 0.5 min before an infusion at 0.5 min).
 */
export function runRealStudy(prefix: string, visits: RealVisit[], analysis: Record<string, unknown> = {}): RunOutcome {
  const dir = testScratchDir(prefix);
  const conditions = ['placebo', 'naltrexone'];
  const manifest = {
    name: 'QA real-data study',
    infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: 0.5 },
    analysis: { model: 'lcm', windowTransients: 4, stepTransients: 2, baselineMin: [-0.5, 0], reference: 'tNAA', referenceCondition: 'placebo', ...analysis },
    subjects: [
      {
        id: 'sub-01',
        sex: 'F',
        arm: 'PBO-first',
        visits: visits.map((visit, i) => ({
          id: `visit${i + 1}`,
          condition: conditions[i % 2],
          metabolite: visit.metabolite,
          ...(visit.water ? { water: visit.water } : {}),
          infusionStartMin: visit.infusionStartMin ?? 0.5,
          madrs: { baseline: 30, h24: 20 },
        })),
      },
    ],
  };
  writeFileSync(join(dir, 'study.json'), JSON.stringify(manifest));
  const out = join(dir, 'out');
  const result = spawnSync('node', ['dist/src/cli/main.js', 'run', join(dir, 'study.json'), '-o', out, '--jobs', '2'], { encoding: 'utf8' });
  const output = (name: string): string => (existsSync(join(out, name)) ? readFileSync(join(out, name), 'utf8') : '');
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output, dir };
}
