import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/runCommand.js';
import { SeededRandom } from '../../src/util/rng.js';
import { writeSimulatedStudy } from '../../src/simulate/writeSimulatedStudy.js';
import { readCsvRows as readCsv } from './csvRows.js';
import { readManifest, simulateSmallStudy, writeManifest } from './smallStudy.js';

// 4 subjects × 2 visits: every visit 2, and subject 4's visit 1, is broken in a different way; the visit-1
// sessions of subjects 1–3 are good. A clean manifest lists only those three.
const root = mkdtempSync(join(tmpdir(), 'glutrace-isolation-'));
const studyDir = join(root, 'study');
const mixedOut = join(root, 'mixed');
const cleanOut = join(root, 'clean');
let mixedExit = -1;
let cleanExit = -1;

const broken: Record<string, RegExp> = {
  'sub-01/visit2': /sub-01_visit2_svs\.nii\.gz: .*(truncated|unexpected end|incorrect header|invalid|short)/i,
  'sub-02/visit2': /sub-02_visit2_svs\.nii\.gz: not gzip data \(a \.nii\.gz must be gzip-compressed\)/,
  'sub-03/visit2': /sub-03_visit2_svs\.nii\.gz: .*(NaN|infinite|non-finite)/i,
  'sub-04/visit1': /sub-04_visit1_svs\.nii\.gz: file not found/,
  'sub-04/visit2': /sub-04_visit2_svs\.nii\.gz: .*10 transients/,
};

function dataFile(label: string): string {
  return join(studyDir, 'data', `${label}_svs.nii.gz`);
}

beforeAll(async () => {
  const study = simulateSmallStudy(4, 11);
  const visit = (subject: string, visitId: string) => study.visits.find((v) => v.subject.id === subject && v.subject.visits[v.visitIndex].id === visitId)!;
  visit('sub-03', 'visit2').metabolite.data[2 * 1024 * 40 + 7] = Number.NaN;
  const short = visit('sub-04', 'visit2').metabolite;
  short.data = short.data.slice(0, 2 * short.points * 10);
  short.dims = [{ tag: 'DIM_DYN', size: 10 }];
  short.transientTimesS = short.transientTimesS?.slice(0, 10) ?? null;
  writeSimulatedStudy(study, studyDir);

  const truncated = readFileSync(dataFile('sub-01_visit2'));
  writeFileSync(dataFile('sub-01_visit2'), truncated.subarray(0, Math.floor(truncated.length * 0.6)));
  const random = new SeededRandom(3);
  writeFileSync(dataFile('sub-02_visit2'), Uint8Array.from({ length: 50_000 }, () => Math.floor(random.uniform() * 256)));
  rmSync(dataFile('sub-04_visit1'));

  const manifest = readManifest(studyDir);
  const clean = writeManifest(studyDir, 'clean.json', {
    ...manifest,
    subjects: manifest.subjects.slice(0, 3).map((s) => ({ ...s, visits: s.visits.slice(0, 1) })),
  });
  mixedExit = await runCommand({ manifest: join(studyDir, 'study.json'), output: mixedOut, jobs: 2, json: true });
  cleanExit = await runCommand({ manifest: clean, output: cleanOut, jobs: 2, json: true });
});

describe('per-session isolation', () => {
  it('finishes the good sessions and exits with 2 when any failed', () => {
    expect(cleanExit).toBe(0);
    expect(mixedExit).toBe(2);
    const sessions = readCsv(join(mixedOut, 'sessions.csv')).map((r) => `${r.subject}/${r.visit}`);
    expect(sessions).toEqual(['sub-01/visit1', 'sub-02/visit1', 'sub-03/visit1']);
  });

  it('gives the good sessions byte-identical tables to a clean batch of just them', () => {
    for (const file of ['timecourses.csv', 'sessions.csv']) {
      expect(readFileSync(join(mixedOut, file), 'utf8'), file).toBe(readFileSync(join(cleanOut, file), 'utf8'));
    }
    expect(readFileSync(join(mixedOut, 'timecourses.csv'), 'utf8').split('\n').length).toBeGreaterThan(20);
  });

  it('names every broken session and its reason in errors.csv and the report', () => {
    const errors = readCsv(join(mixedOut, 'errors.csv'));
    expect(errors.map((e) => `${e.subject}/${e.visit}`).sort()).toEqual(Object.keys(broken).sort());
    for (const error of errors) {
      expect(error.error, `${error.subject}/${error.visit}`).toMatch(broken[`${error.subject}/${error.visit}`]);
      expect(error.error).not.toContain('\n');
    }
    const report = readFileSync(join(mixedOut, 'report.html'), 'utf8');
    expect(report).toContain('file not found');
    expect(report).toContain('not gzip data');
  });

  it('still writes every output when all sessions fail', async () => {
    const manifest = readManifest(studyDir);
    const allBad = writeManifest(studyDir, 'all-bad.json', {
      ...manifest,
      subjects: manifest.subjects.slice(1, 4).map((s) => ({ ...s, visits: s.visits.slice(1) })),
    });
    const out = join(root, 'all-bad');
    expect(await runCommand({ manifest: allBad, output: out, jobs: 1, json: true })).toBe(2);
    expect(readCsv(join(out, 'errors.csv'))).toHaveLength(3);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('sub-02');
  });
});
