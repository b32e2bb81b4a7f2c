import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileScratchDir } from '../helpers/scratchDir.js';

const cli = resolve(__dirname, '../../dist/src/cli/main.js');
const scratch = fileScratchDir('cli');

function glutrace(...args: string[]): { status: number | null; stderrLines: string[] } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: result.status, stderrLines: result.stderr.trimEnd().split('\n') };
}

function manifestWith(name: string, edit: (m: Record<string, any>) => void): string {
  const manifest: Record<string, any> = {
    name: 'cli errors',
    infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: 40 },
    analysis: { model: 'lcm', windowTransients: 24, stepTransients: 3, baselineMin: [-10, 0], reference: 'tNAA' },
    subjects: [
      { id: 's1', sex: 'F', visits: [{ id: 'v1', condition: 'placebo', metabolite: 'a.nii.gz', infusionStartMin: 10 }] },
      { id: 's2', sex: 'M', visits: [{ id: 'v1', condition: 'placebo', metabolite: 'b.nii.gz', infusionStartMin: 10 }] },
    ],
  };
  edit(manifest);
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

/** Our own errors: exactly one line on stderr, prefixed, no stack trace, and a non-zero exit. */
function expectOneLineError(result: ReturnType<typeof glutrace>, pattern: RegExp): void {
  expect(result.status).not.toBe(0);
  expect(result.stderrLines, result.stderrLines.join('\n')).toHaveLength(1);
  expect(result.stderrLines[0]).toMatch(/^glutrace: /);
  expect(result.stderrLines[0]).toMatch(pattern);
}

describe('CLI errors', () => {
  it('names a manifest field that fails validation by its JSON path', () => {
    const path = manifestWith('bad-field.json', (m) => {
      m.subjects[1].visits[0].infusionStartMin = 'ten';
    });
    expectOneLineError(glutrace('run', path, '-o', join(scratch, 'out')), /bad-field\.json: subjects\[1\]\.visits\[0\]\.infusionStartMin: /);
  });

  it('names an unknown manifest key and a duplicate id by their JSON paths', () => {
    const unknown = manifestWith('unknown-key.json', (m) => {
      m.analysis.windowTransient = 24;
    });
    expectOneLineError(glutrace('run', unknown, '-o', join(scratch, 'out')), /analysis: .*windowTransient/);
    const duplicate = manifestWith('duplicate.json', (m) => {
      m.subjects[1].id = 's1';
    });
    expectOneLineError(glutrace('run', duplicate, '-o', join(scratch, 'out')), /subjects\[1\]\.id: duplicate subject id "s1"/);
  });

  it('reports a manifest that is not JSON, or is missing', () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{"name": "x",');
    expectOneLineError(glutrace('run', broken, '-o', join(scratch, 'out')), /broken\.json: not valid JSON/);
    expectOneLineError(glutrace('run', join(scratch, 'absent.json'), '-o', join(scratch, 'out')), /absent\.json: cannot read manifest: file not found/);
    // the manifest is checked before the output folder is made
    expect(existsSync(join(scratch, 'out'))).toBe(false);
  });

  it('rejects unknown options and bad option values, error first', () => {
    for (const [args, pattern] of [
      [['run', 'study.json', '-o', 'out', '--bogus'], /^error: unknown option '--bogus'/],
      [['run', 'study.json', '-o', 'out', '-j', '0'], /^error: option '-j, --jobs <n>' argument '0' is invalid/],
      [['run', 'study.json'], /^error: required option '-o, --output <dir>' not specified/],
      [['frobnicate'], /^error: unknown command 'frobnicate'/],
    ] as const) {
      const result = glutrace(...args);
      expect(result.status, args.join(' ')).not.toBe(0);
      expect(result.stderrLines[0], args.join(' ')).toMatch(pattern);
      expect(result.stderrLines.join('\n')).not.toMatch(/^\s+at /m);
    }
  });
});
