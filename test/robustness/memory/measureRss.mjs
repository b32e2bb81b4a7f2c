// Resident memory of `glutrace run` over a long study (not part of the test suite; minutes to an hour).
//   npm run build && node test/robustness/memory/measureRss.mjs [sessions=100] [jobs=2]
// Simulates two visits of 1,800 transients × 2,048 points, lists them `sessions` times in a manifest, runs
// the CLI on it and samples the process's RSS (Linux /proc) every second, printing the peak RSS seen by the
// time each session finished.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const { simulateStudy, DEFAULT_STUDY_SIMULATION } = await import(join(root, 'dist/src/simulate/simulateStudy.js'));
const { writeSimulatedStudy } = await import(join(root, 'dist/src/simulate/writeSimulatedStudy.js'));

const sessions = Number(process.argv[2] ?? 100);
const jobs = process.argv[3] ?? '2';
const work = mkdtempSync(join(tmpdir(), 'glutrace-rss-'));
const studyDir = join(work, 'study');
const out = join(work, 'out');

// 75 min at TR 2.5 s, one excitation per stored transient: 1,800 transients.
const options = { ...DEFAULT_STUDY_SIMULATION, seed: 9, subjects: 1, averagesPerTransient: 1, preInfusionMin: 15, infusionDurationMin: 40, postInfusionMin: 20 };
writeSimulatedStudy(simulateStudy(options), studyDir);
const manifest = JSON.parse(readFileSync(join(studyDir, 'study.json'), 'utf8'));
const subject = manifest.subjects[0];
manifest.subjects = Array.from({ length: Math.ceil(sessions / 2) }, (_, i) => ({ ...subject, id: `sub-${String(i + 1).padStart(3, '0')}` }));
writeFileSync(join(studyDir, 'study.json'), JSON.stringify(manifest, null, 2));

const started = Date.now();
const child = spawn(process.execPath, [join(root, 'dist/src/cli/main.js'), 'run', join(studyDir, 'study.json'), '-o', out, '-j', jobs, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
let summary = '';
child.stdout.on('data', (chunk) => (summary += chunk));
const peakByDone = new Map();
let peakKb = 0;
const timer = setInterval(() => {
  try {
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
    const sessionDir = join(out, 'sessions');
    const done = existsSync(sessionDir) ? readdirSync(sessionDir).filter((f) => f.endsWith('.json')).length : 0;
    peakKb = Math.max(peakKb, rssKb);
    peakByDone.set(done, Math.max(peakByDone.get(done) ?? 0, rssKb));
  } catch {
    // the process has just exited
  }
}, 1000);
child.on('exit', (code) => {
  clearInterval(timer);
  const minutes = (Date.now() - started) / 60000;
  console.log(`exit ${code} after ${minutes.toFixed(1)} min; ${summary.trim()}`);
  console.log(`peak RSS ${(peakKb / 1024).toFixed(0)} MB over ${sessions} sessions × 1800 transients × 2048 points (jobs ${jobs})`);
  for (const [done, kb] of [...peakByDone].sort((a, b) => a[0] - b[0])) {
    if (done % 10 === 0 || done === sessions) console.log(`  sessions done ${done}: peak RSS ${(kb / 1024).toFixed(0)} MB`);
  }
  rmSync(work, { recursive: true, force: true });
});
