import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/renderReportHtml.js';
import { makeReportInput } from './fixtures.js';
import { assertWellFormedXml } from './xmlCheck.js';

const input = makeReportInput();
const html = renderReportHtml(input);

function inlineSvgs(text: string): string[] {
  return text.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

describe('renderReportHtml', () => {
  it('is self-contained: no URLs, scripts, external styles, fonts or images', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('inlines every figure as well-formed SVG: group (3), per subject (3), per visit response + QC + fit (6 × 3), stacked (1)', () => {
    const svgs = inlineSvgs(html);
    expect(svgs).toHaveLength(3 + 3 + 18 + 1);
    for (const svg of svgs) expect(() => assertWellFormedXml(svg)).not.toThrow();
    for (const svg of svgs) expect(svg).toContain('<g class="panel">');
  });

  it('shows the study summary, statistics, QC flags, failed sessions and provenance', () => {
    expect(html).toContain('<h1>Synthetic ketamine–naltrexone crossover</h1>');
    expect(html).toContain('ketamine, 0.5 mg/kg over 40 min');
    expect(html).toContain('6 analysed of 7 in the manifest (4 subjects)');
    expect(html).toContain('pct ~ condition * timeBin + (1 | subject)');
    expect(html).toContain('<td>condition</td><td>12.34</td><td>1, 253.0</td><td>&lt; 0.001</td>');
    expect(html).toContain('<td>Glx/tNAA peak % change vs MADRS change</td><td>−0.81</td>');
    expect(html).toContain('sex × condition (F − M)');
    expect(html).toContain('S04/V1/svs.nii.gz: not a NIfTI-2 file (bad sizeof_hdr 0)');
    expect(html).toContain('<td>@resvg/resvg-js</td><td>2.6.2</td>');
    expect(html).toContain('&quot;doseMgPerKg&quot;: 0.5');
    expect(html).toContain('window 7: only 20 of 64 transients accepted');
  });

  it('flags exactly the sessions outside the QC limits, naming the reason', () => {
    const flagged = html.match(/<td class="flag">[^<]*<\/td>/g) ?? [];
    const expected = input.sessions.filter((s, i) => s.qc.snr < 42 || i === 3).length;
    expect(flagged).toHaveLength(expected);
    expect(html).toContain('Glu CRLB 31.0% &gt; 20%');
    expect(html).not.toContain('Ala CRLB');
    expect(html).toContain('<caption>CRLB (% of amplitude)</caption>');
    expect(html.match(/<td class="pass">pass<\/td>/g)).toHaveLength(input.sessions.length - expected);
  });

  it('lists each session\'s processing steps, in order, under its visit', () => {
    const withSteps = makeReportInput();
    withSteps.extras = withSteps.extras!.map((e, i) => (i === 1
      ? { ...e, processing: [{ method: 'Eddy current correction', details: 'Klose <water>' }, { method: 'Outlier removal', details: 'rejected 2 of 90' }] }
      : e));
    const text = renderReportHtml(withSteps);
    expect(text.match(/Processing applied to this session/g)).toHaveLength(1);
    expect(text).toContain('<ul><li>Eddy current correction: Klose &lt;water&gt;</li><li>Outlier removal: rejected 2 of 90</li></ul>');
  });

  it('applies the CRLB limit to the metabolites it names', () => {
    const strict = makeReportInput();
    strict.qcThresholds = { ...strict.qcThresholds, minSnr: 0, crlbMetabolites: ['Ala'] };
    const flagged = renderReportHtml(strict).match(/<td class="flag">[^<]*<\/td>/g) ?? [];
    expect(flagged).toHaveLength(strict.sessions.length);
    expect(flagged[0]).toContain('Ala CRLB 45.0% &gt; 20%');
  });

  it('escapes text from the manifest and the statistics', () => {
    expect(html).toContain('only 3 subjects: &lt;synthetic&gt; &amp; small');
    const hostile = makeReportInput();
    hostile.manifest.name = '<script>alert(1)</script>';
    const escaped = renderReportHtml(hostile);
    expect(escaped).not.toContain('<script>');
    expect(escaped).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is deterministic and still renders without a study result or extras', () => {
    expect(renderReportHtml(makeReportInput())).toBe(html);
    const bare = renderReportHtml({ ...makeReportInput(), study: null, extras: undefined, failedSessions: undefined });
    expect(bare).toContain('No study statistics');
    expect(inlineSvgs(bare)).toHaveLength(1 + 3 + 6);
  });
});

describe('summariseMessages', () => {
  it('collapses repeats with a count and caps the number of distinct lines', async () => {
    const { summariseMessages } = await import('../../src/report/html/subjectSection.js');
    expect(summariseMessages(['a', 'b', 'a', 'a'])).toEqual(['a (×3)', 'b']);
    const many = summariseMessages(Array.from({ length: 40 }, (_, i) => `transient ${i}: outlier`));
    expect(many).toHaveLength(16);
    expect(many[15]).toBe('… and 25 more distinct messages');
  });
});
