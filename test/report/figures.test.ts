import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { groupMeansFigure } from '../../src/report/figures/groupMeans.js';
import { madrsScatterFigure } from '../../src/report/figures/madrsScatter.js';
import { qcTraceFigure } from '../../src/report/figures/qcTraces.js';
import { spaghettiFigure } from '../../src/report/figures/spaghetti.js';
import { spectrumFitFigure } from '../../src/report/figures/spectrumFit.js';
import { stackedSpectraFigure } from '../../src/report/figures/stackedSpectra.js';
import { subjectOverlayFigure } from '../../src/report/figures/subjectOverlay.js';
import { visitResponseFigure } from '../../src/report/figures/visitResponse.js';
import { makeFitCurves, makeQcTrace, makeSessions, makeStackedSpectra, makeStudy } from './fixtures.js';
import { assertWellFormedXml } from './xmlCheck.js';

const sessions = makeSessions();
const study = makeStudy(sessions);

const allFigures = (): Record<string, string> => ({
  visit: visitResponseFigure(sessions[0]),
  subject: subjectOverlayFigure(sessions.slice(0, 2), { conditionOrder: study.conditions }),
  group: groupMeansFigure(study, { infusionDurationMin: 40 }),
  spaghetti: spaghettiFigure(sessions, { measure: 'Glx/tNAA', conditionOrder: study.conditions, meanCurves: study.meanCurves }),
  madrs: madrsScatterFigure(study.madrsAssociations, { conditionOrder: study.conditions }),
  qc: qcTraceFigure(makeQcTrace(), { infusionDurationMin: 40 }),
  fit: spectrumFitFigure(makeFitCurves()),
  stacked: stackedSpectraFigure(makeStackedSpectra()),
});

function panels(svg: string): string[] {
  return svg.split('<g class="panel">').slice(1);
}

/** x positions of the tick labels along the bottom axis of a panel, keyed by their text. */
function xTickPositions(panelSvg: string): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const m of panelSvg.matchAll(/<text x="([\d.]+)" y="[\d.]+" font-size="11" text-anchor="middle" fill="#222222">([^<]+)<\/text>/g)) ticks.set(m[2], Number(m[1]));
  return ticks;
}

describe('figures', () => {
  it('are well-formed SVG that resvg parses, with the Noto Sans family, byte-identical on re-render', () => {
    const first = allFigures();
    const second = allFigures();
    for (const [name, svg] of Object.entries(first)) {
      expect(() => assertWellFormedXml(svg), name).not.toThrow();
      expect(() => new Resvg(svg, { font: { loadSystemFonts: false } }), name).not.toThrow();
      expect(svg, name).toContain(`font-family="'Noto Sans', sans-serif"`);
      expect(second[name], name).toBe(svg);
    }
  });

  it('per visit: the dynamic model\'s course, with its SD band and a legend, when the session has one', () => {
    const plain = visitResponseFigure(sessions[0]);
    expect(plain).not.toContain('dynamic model');
    const session = structuredClone(sessions[0]);
    for (const curve of Object.values(session.measures)) {
      curve.modelPctChange = Float64Array.from(curve.pctChange, (v) => v + 0.5);
      curve.modelPctChangeSd = Float64Array.from(curve.pctChange, () => 0.8);
    }
    const svg = visitResponseFigure(session);
    const [glx] = panels(svg);
    expect(glx).toContain('data-label="dynamic model"');
    expect(glx).toContain('class="band"');
    expect(svg).toContain('>dynamic model</text>');
  });

  it('per visit: one panel per response measure, a marker and error bar per window, the flagged window open', () => {
    const svg = visitResponseFigure(sessions[0]);
    const [glx, glu] = panels(svg);
    expect(glx).toContain('>Glx/tNAA</text>');
    expect(glu).toContain('>Glu</text>');
    const series = /<g class="series" data-label="window fits \(± 1 SD\)">(.*?)<\/g>/.exec(glx)![1];
    expect(series.match(/<circle /g)).toHaveLength(25);
    expect(series.match(/fill="#FFFFFF"/g)).toHaveLength(1);
    expect(series.match(/H/g)).toHaveLength(50); // two caps per error bar
    expect(glx).toContain('class="shaded"');
    expect(glx).toContain('>Infusion</text>');
    expect(glx).toContain('Glx/tNAA change from baseline (%)');
    expect(glx).toContain('Time from infusion start (min)');
  });

  it('the infusion shading spans 0 to 40 min on the time axis', () => {
    const panel = panels(visitResponseFigure(sessions[0]))[0];
    const ticks = xTickPositions(panel);
    const shade = /class="shaded" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(panel)!;
    expect(Number(shade[1])).toBeCloseTo(ticks.get('0')!, 1);
    expect(Number(shade[1]) + Number(shade[2])).toBeCloseTo(ticks.get('40')!, 1);
  });

  it('per subject: both visits overlaid in different condition colours', () => {
    const svg = subjectOverlayFigure(sessions.slice(0, 2), { conditionOrder: study.conditions });
    expect(svg).toContain('data-label="V1 · placebo"');
    expect(svg).toContain('data-label="V2 · naltrexone"');
    const colourOf = (label: string): string => new RegExp(`data-label="${label}"><path d="[^"]+" fill="none" stroke="(#[0-9A-F]{6})"`).exec(svg)![1];
    expect(colourOf('V1 · placebo')).not.toBe(colourOf('V2 · naltrexone'));
  });

  it('group means: a band per condition and a difference panel with its own band', () => {
    const svg = groupMeansFigure(study, { infusionDurationMin: 40 });
    const [means, difference] = panels(svg);
    expect(means.match(/class="band"/g)).toHaveLength(2);
    expect(means).toContain('data-label="placebo (n = 3)"');
    expect(means).toContain('data-label="naltrexone (n = 3)"');
    expect(difference).toContain('Difference: naltrexone − placebo');
    expect(difference.match(/class="band"/g)).toHaveLength(1);
  });

  it('spaghetti: one thin line per session in each condition panel', () => {
    const svg = spaghettiFigure(sessions, { measure: 'Glx/tNAA', conditionOrder: study.conditions });
    const [placebo, naltrexone] = panels(svg);
    expect(placebo).toContain('placebo (3 sessions)');
    expect(placebo.match(/stroke-opacity="0.65"/g)).toHaveLength(3);
    expect(naltrexone.match(/stroke-opacity="0.65"/g)).toHaveLength(3);
  });

  it('MADRS scatter: a point per session, statistics in the corner, a fitted line', () => {
    const svg = madrsScatterFigure(study.madrsAssociations, { conditionOrder: study.conditions });
    expect(svg.match(/<circle /g)!.length + svg.match(/<rect x=/g)!.length).toBeGreaterThanOrEqual(6);
    expect(svg).toContain('r = −0.81, p = 0.050, n = 6');
    expect(svg).toContain('data-label="Least-squares fit"');
  });

  it('QC: rejected transients marked, SNR and FWHM per window', () => {
    const trace = makeQcTrace();
    const svg = qcTraceFigure(trace, { infusionDurationMin: 40 });
    const rejected = trace.rejected.reduce((n, r) => n + r, 0);
    const [frequency] = panels(svg);
    const crosses = /data-label="Rejected transient">(.*?)<\/g>/.exec(frequency)![1];
    expect(crosses.match(/<path /g)).toHaveLength(rejected);
    expect(svg).toContain('SNR per window');
    expect(svg).toContain('FWHM (Hz)');
    expect(svg).toContain(`${trace.timesMin.length} transients, ${rejected} rejected`);
  });

  it('spectra: the ppm axis runs right to left and all four curves are drawn', () => {
    const svg = spectrumFitFigure(makeFitCurves());
    for (const label of ['Data', 'Fit', 'Baseline', 'Residual']) expect(svg).toContain(`data-label="${label}"`);
    const ticks = xTickPositions(panels(svg)[0]);
    expect(ticks.get('4')!).toBeLessThan(ticks.get('3')!);
    expect(ticks.get('2')!).toBeLessThan(ticks.get('1')!);
    const stacked = stackedSpectraFigure(makeStackedSpectra(6));
    expect(stacked.match(/<g class="series">/g)).toHaveLength(6);
    expect(stacked).toContain('>-20 min</text>');
  });

  it('escapes subject ids with markup characters', () => {
    const odd = { ...sessions[0], subject: 'S<1>&"x"' };
    const svg = visitResponseFigure(odd);
    expect(() => assertWellFormedXml(svg)).not.toThrow();
    expect(svg).toContain('S&lt;1&gt;&amp;&quot;x&quot;');
  });
});
