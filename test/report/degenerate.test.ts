import { describe, expect, it } from 'vitest';
import { qcTraceFigure } from '../../src/report/figures/qcTraces.js';
import { spectrumFitFigure } from '../../src/report/figures/spectrumFit.js';
import { subjectOverlayFigure } from '../../src/report/figures/subjectOverlay.js';
import { visitResponseFigure } from '../../src/report/figures/visitResponse.js';
import { svgToPng } from '../../src/report/png.js';
import type { SessionCurve } from '../../src/types/timecourse.js';
import { makeFitCurves, makeQcTrace, makeSession } from './fixtures.js';
import { assertWellFormedXml } from './xmlCheck.js';

function expectDrawable(svg: string): void {
  assertWellFormedXml(svg);
  expect(svg).not.toMatch(/NaN|Infinity/);
  expect(svgToPng(svg, { widthPx: 200 }).length).toBeGreaterThan(100);
}

describe('figures on awkward data', () => {
  it('a session whose curves are all NaN still gives a drawable figure', () => {
    const session = makeSession('S09', 1, 'placebo', 9);
    for (const curve of Object.values(session.measures)) {
      curve.pctChange.fill(NaN);
      curve.pctChangeSd.fill(NaN);
    }
    expectDrawable(visitResponseFigure(session));
  });

  it('a session with no windows, and a constant curve, are drawable', () => {
    const empty: SessionCurve = { ...makeSession('S09', 1, 'placebo', 9), windows: [] };
    for (const key of Object.keys(empty.measures)) {
      empty.measures[key] = { ...empty.measures[key], pctChange: new Float64Array(0), pctChangeSd: new Float64Array(0) };
    }
    expectDrawable(visitResponseFigure(empty));
    const flat = makeSession('S09', 1, 'placebo', 9);
    flat.measures['Glx/tNAA'].pctChange.fill(3);
    expectDrawable(subjectOverlayFigure([flat]));
  });

  it('a tCr-referenced session plots Glx/tCr and Glu by default', () => {
    const session = makeSession('S09', 1, 'placebo', 9);
    session.measures['Glx/tCr'] = session.measures['Glx/tNAA'];
    delete session.measures['Glx/tNAA'];
    const svg = visitResponseFigure(session);
    expect(svg).toContain('>Glx/tCr</text>');
    expect(svg).toContain('>Glu</text>');
  });

  it('QC without window data, and a spectrum with an ascending ppm axis, are drawable', () => {
    const trace = makeQcTrace();
    expectDrawable(qcTraceFigure({ timesMin: trace.timesMin, frequencyHz: trace.frequencyHz, phaseDeg: trace.phaseDeg, rejected: trace.rejected }));
    const curves = makeFitCurves();
    const reversed = { ppm: curves.ppm.slice().reverse(), data: curves.data.slice().reverse(), fit: curves.fit.slice().reverse(), baseline: curves.baseline.slice().reverse(), residual: curves.residual.slice().reverse() };
    const ascending = spectrumFitFigure(reversed);
    expectDrawable(ascending);
    // Same axis and the same marks, only the path point order differs.
    const withoutPaths = (svg: string): string => svg.replace(/ d="[^"]*"/g, '');
    expect(withoutPaths(ascending)).toBe(withoutPaths(spectrumFitFigure(curves)));
  });
});
