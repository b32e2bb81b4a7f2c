import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudyManifest } from '../../src/manifest/studyManifest.js';
import { runStudy } from '../../src/pipeline/runStudy.js';
import { sessionHash } from '../../src/pipeline/sessionStore.js';
import { decodeExact, encodeExact } from '../../src/pipeline/sessionCodec.js';
import { writeSmallStudy } from './smallStudy.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

const cli = resolve(__dirname, '../../dist/src/cli/main.js');
const root = fileScratchDir('resume');
const studyDir = join(root, 'study');
const manifest = join(studyDir, 'study.json');
const SESSIONS = 6;
const TABLES = ['timecourses.csv', 'sessions.csv', 'errors.csv', 'study.json', 'study.md'];

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `glutrace run` and SIGKILLs it as soon as its first session file is complete on disk. */
async function runAndKillAfterFirstSession(out: string): Promise<string[]> {
  const child = spawn(process.execPath, [cli, 'run', manifest, '-o', out, '-j', '2', '--json'], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  const sessionDir = join(out, 'sessions');
  const stored = (): string[] => (existsSync(sessionDir) ? readdirSync(sessionDir).filter((f) => f.endsWith('.json')) : []);
  while (stored().length === 0 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return stored();
}

beforeAll(() => {
  writeSmallStudy(studyDir, SESSIONS / 2, 21);
});

describe('resume after a killed run', () => {
  it('gives byte-identical tables to an uninterrupted run, reusing the sessions finished before the kill', async () => {
    const whole = join(root, 'whole');
    const uninterrupted = runCli(['run', manifest, '-o', whole, '-j', '2', '--json']);
    expect(uninterrupted.status, uninterrupted.stderr).toBe(0);

    const killed = join(root, 'killed');
    const finishedBeforeKill = await runAndKillAfterFirstSession(killed);
    expect(finishedBeforeKill.length).toBeGreaterThan(0);
    expect(finishedBeforeKill.length).toBeLessThan(SESSIONS);
    for (const file of TABLES) expect(existsSync(join(killed, file)), file).toBe(false);

    const resumed = runCli(['run', manifest, '-o', killed, '-j', '2', '--json', '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { reused: number; succeeded: number };
    expect(summary.succeeded).toBe(SESSIONS);
    expect(summary.reused).toBeGreaterThanOrEqual(finishedBeforeKill.length);
    for (const file of TABLES) {
      expect(readFileSync(join(killed, file), 'utf8'), file).toBe(readFileSync(join(whole, file), 'utf8'));
    }
    const leftovers = readdirSync(killed, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});

describe('session store', () => {
  it('reuses a session only while its inputs, settings and stored file are unchanged', async () => {
    const sessionDir = join(root, 'store');
    const first = await runStudy(manifest, { jobs: 2, sessionDir });
    expect(first.failures).toEqual([]);
    expect((await runStudy(manifest, { jobs: 2, sessionDir, resume: true })).reusedSessions).toBe(SESSIONS);

    // Another visit's bytes under this visit's name: a different input, so it is processed again.
    copyFileSync(join(studyDir, 'data/sub-02_visit1_svs.nii.gz'), join(studyDir, 'data/sub-01_visit1_svs.nii.gz'));
    const changedInput = await runStudy(manifest, { jobs: 2, sessionDir, resume: true });
    expect(changedInput.reusedSessions).toBe(SESSIONS - 1);
    const redone = changedInput.outcomes.find((o) => o.job.subject.id === 'sub-01' && o.job.visit.id === 'visit1')!;
    const before = first.outcomes.find((o) => o.job.subject.id === 'sub-01' && o.job.visit.id === 'visit1')!;
    expect(redone.outcome.curve.qc.snr).not.toBe(before.outcome.curve.qc.snr);

    // A half-written store file is not trusted.
    const stored = join(sessionDir, 'sub-02_visit2.json');
    writeFileSync(stored, readFileSync(stored, 'utf8').slice(0, 1000));
    expect((await runStudy(manifest, { jobs: 2, sessionDir, resume: true })).reusedSessions).toBe(SESSIONS - 1);

    // A new companion file (a JSON sidecar beside the NIfTI) can change what is read: processed again.
    writeFileSync(join(studyDir, 'data/sub-01_visit2_svs.json'), '{}');
    expect((await runStudy(manifest, { jobs: 2, sessionDir, resume: true })).reusedSessions).toBe(SESSIONS - 1);

    // Changed settings change every session's hash.
    const loaded = loadStudyManifest(manifest);
    const changed = { ...loaded.manifest, analysis: { ...loaded.manifest.analysis, baselineMin: [-2, 0] as [number, number] } };
    const job = { subject: loaded.manifest.subjects[0], visit: loaded.manifest.subjects[0].visits[0], visitOrder: 1 };
    const original = sessionHash(loaded.manifest, job, loaded.resolvePath);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionHash(changed, job, loaded.resolvePath)).not.toBe(original);
    expect(sessionHash(loaded.manifest, job, loaded.resolvePath)).toBe(original);
  });

  it('stores numbers exactly, including NaN, ±Infinity, −0 and typed arrays', () => {
    const value = {
      plain: [1.1, -0, Number.NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE],
      f64: Float64Array.from([0.1 + 0.2, Number.NaN, -0, -Infinity]),
      u8: Uint8Array.from([0, 255, 7]),
      nested: { empty: new Float64Array(0), none: null, text: '$number' },
    };
    const back = decodeExact(encodeExact(value)) as typeof value;
    expect(back.plain).toEqual(value.plain);
    expect(Object.is(back.plain[1], -0)).toBe(true);
    expect(back.f64).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.f64.buffer)).toEqual(Buffer.from(value.f64.buffer));
    expect(back.u8).toEqual(value.u8);
    expect(back.nested).toEqual(value.nested);
  });
});
