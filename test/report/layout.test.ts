import { describe, expect, it } from 'vitest';
import { groupMeansFigure } from '../../src/report/figures/groupMeans.js';
import { madrsScatterFigure } from '../../src/report/figures/madrsScatter.js';
import { qcTraceFigure } from '../../src/report/figures/qcTraces.js';
import { spaghettiFigure } from '../../src/report/figures/spaghetti.js';
import { spectrumFitFigure } from '../../src/report/figures/spectrumFit.js';
import { stackedSpectraFigure } from '../../src/report/figures/stackedSpectra.js';
import { subjectOverlayFigure } from '../../src/report/figures/subjectOverlay.js';
import { visitResponseFigure } from '../../src/report/figures/visitResponse.js';
import { renderFigure } from '../../src/report/svg/figure.js';
import { wrapText } from '../../src/report/svg/marks.js';
import type { SessionCurve } from '../../src/types/timecourse.js';
import { makeFitCurves, makeQcTrace, makeSessions, makeStackedSpectra, makeStudy } from './fixtures.js';
import { overlappingPairs, plotTops, textBoxes } from './textBoxes.js';

const sessions = makeSessions();
const study = makeStudy(sessions);

/** A session cut to its first `count` windows, as from a very short acquisition. */
function fewWindows(session: SessionCurve, count: number): SessionCurve {
  const cut = structuredClone(session);
  cut.windows = cut.windows.slice(0, count).map((w, i) => ({ ...w, centreMin: -1 + i, startMin: -1.5 + i, endMin: -0.5 + i }));
  for (const curve of Object.values(cut.measures)) {
    curve.pctChange = curve.pctChange.slice(0, count);
    curve.pctChangeSd = curve.pctChangeSd.slice(0, count);
  }
  cut.infusionDurationMin = 0.5;
  return cut;
}

function figures(): Record<string, string> {
  const two = [fewWindows(sessions[0], 2), fewWindows(sessions[1], 2)];
  return {
    visit: visitResponseFigure(sessions[0]),
    visitTwoWindows: visitResponseFigure(two[0]),
    subject: subjectOverlayFigure(sessions.slice(0, 2), { conditionOrder: study.conditions }),
    subjectTwoWindows: subjectOverlayFigure(two, { conditionOrder: study.conditions }),
    group: groupMeansFigure(study, { infusionDurationMin: 40 }),
    spaghetti: spaghettiFigure(sessions, { measure: 'Glx/tNAA', conditionOrder: study.conditions, meanCurves: study.meanCurves }),
    spaghettiOneEach: spaghettiFigure(two, { measure: 'Glx/tNAA', conditionOrder: study.conditions }),
    madrs: madrsScatterFigure(study.madrsAssociations, { conditionOrder: study.conditions }),
    qc: qcTraceFigure(makeQcTrace(), { title: 'Quality control — S01 V1', infusionDurationMin: 40 }),
    fit: spectrumFitFigure(makeFitCurves(), { title: 'Example fit — a long subject label, visit label, average of all accepted transients' }),
    stacked: stackedSpectraFigure(makeStackedSpectra()),
  };
}

describe('figure layout', () => {
  it('no two text labels overlap, in any figure, with many windows or two', () => {
    for (const [name, svg] of Object.entries(figures())) expect(overlappingPairs(textBoxes(svg)), name).toEqual([]);
  });

  it('every text label stays inside the figure', () => {
    for (const [name, svg] of Object.entries(figures())) {
      const width = Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1]);
      for (const box of textBoxes(svg)) {
        expect(box.left, `${name}: ${box.text}`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${name}: ${box.text}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('the "Infusion" label sits above the plot, never over the data (QC linewidth panel included)', () => {
    for (const [name, svg] of Object.entries(figures())) {
      const tops = plotTops(svg);
      const labels = textBoxes(svg).filter((b) => b.text === 'Infusion');
      if (name === 'madrs' || name === 'fit' || name === 'stacked') continue;
      expect(labels.length, name).toBeGreaterThan(0);
      // Every plot of a figure starts at the same height in its row, and each label ends above its plot.
      for (const label of labels) expect(tops.some((top) => label.bottom <= top && top - label.bottom < 12), `${name} ${label.top}`).toBe(true);
    }
  });

  it('the statistics note of a scatter sits above the plot, not over the points', () => {
    const svg = madrsScatterFigure(study.madrsAssociations, { conditionOrder: study.conditions });
    const note = textBoxes(svg).find((b) => b.text.startsWith('r = '))!;
    expect(note.bottom).toBeLessThanOrEqual(Math.min(...plotTops(svg)));
  });

  it('tick labels show no "-0" and no floating-point noise', () => {
    for (const [name, svg] of Object.entries(figures())) {
      for (const { text } of textBoxes(svg)) {
        expect(text, name).not.toMatch(/^[-−]0(\.0*)?$/);
        expect(text, name).not.toMatch(/\d\.\d*0000\d|\d{7,}|\de[-+]?\d/);
      }
    }
  });
});

describe('figure content for readers', () => {
  it('QC panels share one time axis, and a legend entry for rejections only when there are some', () => {
    const trace = makeQcTrace();
    const svg = qcTraceFigure(trace, { infusionDurationMin: 40 });
    const xTicks = svg.split('<g class="panel">').slice(1).map((panel) => [...panel.matchAll(/font-size="11" text-anchor="middle" fill="#222222">([^<]+)</g)].map((m) => m[1]).join(','));
    expect(xTicks[0]).toBe('−20,0,20,40,60,80');
    expect(new Set(xTicks).size, xTicks.join(' | ')).toBe(1);
    const clean = qcTraceFigure({ ...trace, rejected: new Uint8Array(trace.rejected.length) }, { infusionDurationMin: 40 });
    expect(clean).not.toContain('>Rejected transient</text>');
    expect(svg).toContain('>Rejected transient</text>');
  });

  it('error bars and bands say what they show', () => {
    expect(visitResponseFigure(sessions[0])).toContain('error bars: ± 1 SD');
    expect(subjectOverlayFigure(sessions.slice(0, 2))).toContain('error bars: ± 1 SD');
    const withLevel = groupMeansFigure({ ...study, settings: { timeBinMin: 5, confidence: 0.9, responseMetric: 'meanInfusionPctChange', madrsChange: 'absolute', modelFromMin: 0 } }, { infusionDurationMin: 40 });
    expect(withLevel).toContain('bands: 90% CI of the mean');
  });

  it('counts read as English: one session, one flagged window', () => {
    const one = spaghettiFigure(sessions.slice(0, 2), { measure: 'Glx/tNAA', conditionOrder: study.conditions });
    expect(one).toContain('placebo (1 session)');
    expect(visitResponseFigure(sessions[0])).toContain('1 flagged window,');
  });

  it('visits of one subject are offset in time, so identical curves do not hide each other', () => {
    const twin = { ...structuredClone(sessions[0]), visit: 'V2', visitOrder: 2 };
    const svg = subjectOverlayFigure([sessions[0], twin]);
    const firstMarkerX = (label: string): number => Number(new RegExp(`data-label="${label}">.*?<circle cx="([\\d.]+)"`).exec(svg)![1]);
    expect(firstMarkerX('V2 · placebo') - firstMarkerX('V1 · placebo')).toBeGreaterThan(1);
    const subtitle = textBoxes(svg).filter((b) => b.top < 60).map((b) => b.text).join(' ');
    expect(subtitle).toContain('visits offset by 1.00 min from each other for visibility');
  });

  it('a panel without finite data says so', () => {
    const session = structuredClone(sessions[0]);
    for (const curve of Object.values(session.measures)) curve.pctChange.fill(NaN);
    expect(visitResponseFigure(session)).toContain('>No data</text>');
    expect(visitResponseFigure(sessions[0])).not.toContain('No data');
  });

  it('scatter markers keep their size whatever order the points come in', () => {
    const svg = renderFigure({ panels: [{ x: { label: 'x' }, y: { label: 'y' }, series: [{ x: [0, 10, 0.2, 9.8], y: [1, 2, 3, 4], colour: '#000000', marker: { shape: 'circle', sizePx: 8 } }] }] });
    expect([...svg.matchAll(/<circle [^>]*r="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([4, 4, 4, 4]);
  });

  it('MADRS axes name the response metric with its unit', () => {
    const associations = study.madrsAssociations.map((a) => ({ ...a, xLabel: 'meanInfusionPctChange', yLabel: 'MADRS change (% of baseline)' }));
    const svg = madrsScatterFigure(associations);
    expect(svg).toContain('Mean change during infusion (%)');
    expect(svg).toContain('MADRS change, 24 h vs baseline (%)');
  });

  it('the y axis label keeps clear of wide tick labels', () => {
    const svg = renderFigure({ panels: [{ x: { label: 'x' }, y: { label: 'Amplitude (a.u.)' }, series: [{ x: [0, 1], y: [-12345, 10000], colour: '#000000', line: {} }] }] });
    const labelX = Number(/translate\(([\d.]+) [\d.]+\) rotate\(-90\)/.exec(svg)![1]);
    const tickLeft = Math.min(...textBoxes(svg).filter((b) => /^−?\d/.test(b.text) && b.right < 70).map((b) => b.left));
    expect(labelX + 0.6 * 12).toBeLessThan(tickLeft);
    expect(labelX - 0.6 * 12).toBeGreaterThanOrEqual(0);
  });

  it('a point on the last tick is drawn inside the frame', () => {
    const svg = renderFigure({ panels: [{ x: { label: 'x' }, y: { label: 'y' }, series: [{ x: [0, 0.5], y: [1, 2], colour: '#000000', marker: { shape: 'circle', sizePx: 8 } }] }] });
    const frameRight = Number(/<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="\2" stroke="#444444" stroke-width="1"\/>/.exec(svg)![3]);
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...cx) + 4).toBeLessThanOrEqual(frameRight);
  });

  it('long titles wrap to the figure width', () => {
    expect(wrapText('one two three four', 10, 50)).toEqual(['one two', 'three', 'four']);
    const svg = renderFigure({ title: 'word '.repeat(60).trim(), panels: [{ x: { label: 'x' }, y: { label: 'y' }, series: [] }] });
    expect(svg.match(/font-weight="700"/g)!.length).toBeGreaterThan(1);
  });
});
