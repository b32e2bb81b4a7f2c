import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadStudyManifest, parseStudyManifest } from '../../src/manifest/studyManifest.js';
import { GlutraceError, ManifestError } from '../../src/util/errors.js';
import { mutate, mutations } from './mutations.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

const RUNS = Number(process.env.GLUTRACE_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.GLUTRACE_FUZZ_SEED ?? 20251127);
const scratch = fileScratchDir('fuzz-manifest');

const valid = {
  name: 'fuzz',
  infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: 40 },
  analysis: { model: 'lcm', sequence: 'press', windowTransients: 24, stepTransients: 3, baselineMin: [-10, 0], reference: 'tNAA', referenceCondition: 'placebo' },
  subjects: [
    { id: 's1', sex: 'F', arm: 'A', visits: [
      { id: 'v1', condition: 'placebo', metabolite: 'a.nii.gz', water: 'a_ref.nii.gz', infusionStartMin: 10, madrs: { baseline: 30, h24: 20 } },
      { id: 'v2', condition: 'naltrexone', metabolite: 'b.nii.gz', infusionStartMin: 10 },
    ] },
    { id: 's2', sex: 'M', visits: [{ id: 'v1', condition: 'placebo', metabolite: 'c.nii.gz', infusionStartMin: 12 }] },
  ],
};

/** Every path to a value in a JSON document, as key lists. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

function setAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = replacement;
  return copy;
}

/** A ManifestError's JSON path must name a place in the document (its last key may be the missing one). */
function pathExists(json: unknown, jsonPath: string): boolean {
  const keys = [...jsonPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  let node: unknown = json;
  for (const [i, key] of keys.entries()) {
    if (node === null || typeof node !== 'object') return false;
    if (!(key in (node as object))) return i === keys.length - 1;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

const allPaths = pathsOf(valid);

describe('fuzz: study manifest', () => {
  it('accepts the unmutated manifest', () => {
    expect(parseStudyManifest(valid, 'valid.json').subjects).toHaveLength(2);
  });

  it(`replacing any field with any JSON value gives a ManifestError naming an existing path (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), fc.jsonValue(), (path, replacement) => {
        const json = setAt(valid, path, replacement);
        try {
          parseStudyManifest(json, 'fuzzed.json');
        } catch (error) {
          expect(error).toBeInstanceOf(ManifestError);
          const { jsonPath, message } = error as ManifestError;
          expect(message).not.toContain('\n');
          expect(pathExists(json, jsonPath), `${jsonPath} in ${JSON.stringify(json)}`).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 60_000 + 20 * RUNS);

  it(`mutated manifest files load or fail with a one-line GlutraceError (${RUNS} runs)`, () => {
    const original = new TextEncoder().encode(JSON.stringify(valid, null, 2));
    const file = join(scratch, 'study.json');
    fc.assert(
      fc.property(mutations, (edits) => {
        writeFileSync(file, mutate(original, edits));
        try {
          loadStudyManifest(file);
        } catch (error) {
          expect(error).toBeInstanceOf(GlutraceError);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 60_000 + 20 * RUNS);
});
