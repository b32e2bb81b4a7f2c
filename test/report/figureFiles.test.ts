import { describe, expect, it } from 'vitest';
import { fileStem, renderFigureFiles } from '../../src/report/figureFiles.js';
import { PNG_SIGNATURE } from './pngDecode.js';
import { makeQcTrace, makeSessions, makeStudy } from './fixtures.js';

describe('renderFigureFiles', () => {
  const sessions = makeSessions();
  const study = makeStudy(sessions);

  it('lists per-visit, per-subject and group plots as SVG + PNG pairs under plots/', () => {
    const files = renderFigureFiles({ sessions, study, infusionDurationMin: 40, extras: [{ subject: 'S01', visit: 'V1', qcTrace: makeQcTrace() }] });
    const paths = files.map((f) => f.relativePath);
    const stems = [...new Set(paths.map((p) => p.replace(/\.(svg|png)$/, '')))];
    expect(stems).toEqual([
      'plots/S01_V1_glx', 'plots/S01_V1_qc', 'plots/S01_V2_glx', 'plots/S02_V1_glx', 'plots/S02_V2_glx', 'plots/S03_V1_glx', 'plots/S03_V2_glx',
      'plots/S01_visits', 'plots/S02_visits', 'plots/S03_visits',
      'plots/group_means', 'plots/spaghetti', 'plots/madrs_association',
    ]);
    expect(paths).toHaveLength(2 * stems.length);
    for (const file of files) {
      if (file.relativePath.endsWith('.svg')) expect(String(file.contents).startsWith('<svg')).toBe(true);
      else expect([...(file.contents as Uint8Array).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    }
  });

  it('skips PNGs on request and writes no group plots without a study result', () => {
    const files = renderFigureFiles({ sessions: sessions.slice(0, 2), study: null, infusionDurationMin: 40, png: false });
    expect(files.map((f) => f.relativePath)).toEqual(['plots/S01_V1_glx.svg', 'plots/S01_V2_glx.svg', 'plots/S01_visits.svg']);
  });

  it('makes file names safe from manifest ids', () => {
    expect(fileStem('sub 01/../x')).toBe('sub_01_.._x');
    expect(fileStem('..')).toBe('_');
    expect(fileStem('')).toBe('_');
  });
});
