import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StudyManifest } from '../manifest/studyManifest.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { projectRoot } from '../util/projectRoot.js';
import type { SessionJob, SessionOutcome } from './processSession.js';
import { decodeExact, encodeExact } from './sessionCodec.js';

/** Bump when the stored shape or the meaning of a stored outcome changes, so old files are not reused. */
const STORE_FORMAT = 1;

interface StoredSession {
  format: number;
  hash: string;
  subject: string;
  visit: string;
  outcome: SessionOutcome;
}

let cachedCode: string | null = null;
/**
 * Fingerprint of the program that computes a session: the package version and the bytes of the compiled
 * pipeline (dist/src, dist/workers), so a rebuilt program does not reuse sessions an older one stored.
 */
function codeFingerprint(): string {
  if (cachedCode === null) {
    const root = projectRoot();
    const hash = createHash('sha256');
    hash.update(readFileSync(join(root, 'package.json')));
    for (const folder of ['dist/src', 'dist/workers']) {
      const files = existsSync(join(root, folder)) ? readdirSync(join(root, folder), { recursive: true }).map(String).sort() : [];
      for (const file of files.filter((f) => f.endsWith('.js'))) {
        hash.update(`\0${folder}/${file}\0`);
        hash.update(readFileSync(join(root, folder, file)));
      }
    }
    cachedCode = hash.digest('hex');
  }
  return cachedCode;
}

/** Feeds a file's bytes, or a folder's files in name order (a basis folder), into the hash. */
function hashPath(hash: ReturnType<typeof createHash>, path: string): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      hash.update(`\0entry:${name}\0`);
      hashPath(hash, join(path, name));
    }
  } else {
    hash.update(readFileSync(path));
  }
}

/** Files beside `path` with its stem (a SPAR beside its SDAT, a JSON sidecar beside a NIfTI): readers may use them. */
function companionsOf(path: string): string[] {
  if (statSync(path).isDirectory()) return [];
  const name = basename(path);
  const stem = name.slice(0, name.indexOf('.') > 0 ? name.indexOf('.') : name.length);
  return readdirSync(dirname(path)).filter((other) => other !== name && other.startsWith(`${stem}.`)).sort().map((other) => join(dirname(path), other));
}

/**
 * SHA-256 over the program (see codeFingerprint), whether the spectra are kept, the analysis settings, the session's manifest entries and the
 * bytes of every input file (metabolite, water, basis, and their companions). Null when an input cannot be
 * read: such a session is run afresh and fails with its own message.
 */
export function sessionHash(
  manifest: StudyManifest,
  job: SessionJob,
  resolvePath: (relative: string) => string,
  stored: { saveSpectra: boolean } = { saveSpectra: false },
): string | null {
  const hash = createHash('sha256');
  const { visits: _visits, ...subject } = job.subject;
  hash.update(JSON.stringify({
    format: STORE_FORMAT,
    // an outcome stored without spectra cannot serve a run that writes them
    saveSpectra: stored.saveSpectra,
    code: codeFingerprint(),
    analysis: manifest.analysis,
    infusion: manifest.infusion,
    subject,
    visit: job.visit,
    visitOrder: job.visitOrder,
  }));
  const files = [job.visit.metabolite, job.visit.water, manifest.analysis.basis].filter((f): f is string => f !== undefined);
  try {
    for (const file of files) {
      for (const path of [resolvePath(file), ...companionsOf(resolvePath(file))]) {
        hash.update(`\0file:${basename(path)}\0`);
        hashPath(hash, path);
      }
    }
  } catch {
    return null;
  }
  return hash.digest('hex');
}

/** A file name that is safe on every filesystem; the stored subject and visit are checked on load anyway. */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '-');
}

export function sessionFile(dir: string, job: SessionJob): string {
  return join(dir, `${safeName(job.subject.id)}_${safeName(job.visit.id)}.json`);
}

export function saveSession(dir: string, job: SessionJob, hash: string, outcome: SessionOutcome): void {
  const stored: StoredSession = { format: STORE_FORMAT, hash, subject: job.subject.id, visit: job.visit.id, outcome };
  writeFileAtomic(sessionFile(dir, job), encodeExact(stored));
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredSession>;
  const o = v.outcome as Partial<SessionOutcome> | undefined;
  return typeof v.hash === 'string' && typeof o === 'object' && o !== null && !!o.curve && !!o.trace && !!o.averageFit && Array.isArray(o.windowFits);
}

/** The stored outcome if its file is complete, for this session, and made from the same inputs and settings. */
export function loadSession(dir: string, job: SessionJob, hash: string): SessionOutcome | null {
  const path = sessionFile(dir, job);
  if (!existsSync(path)) return null;
  try {
    const stored = decodeExact(readFileSync(path, 'utf8'));
    if (!isStoredSession(stored)) return null;
    const matches = stored.format === STORE_FORMAT && stored.hash === hash && stored.subject === job.subject.id && stored.visit === job.visit.id;
    return matches ? stored.outcome : null;
  } catch {
    return null;
  }
}

/** Removes temporary files an interrupted run left behind (see writeFileAtomic), in `dir` and its direct subfolders. */
export function removeStaleTemporaries(dir: string, depth = 1): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) removeStaleTemporaries(path, depth - 1);
    else if (entry.isFile() && /\.\d+\.tmp$/.test(entry.name)) rmSync(path, { force: true });
  }
}
