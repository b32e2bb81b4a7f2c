import { describe, expect, it } from 'vitest';
import { qcSection } from '../../src/report/html/qcSection.js';
import { fwhmLimitHz, qcFlags } from '../../src/timecourse/sessionQc.js';
import { subjectSection } from '../../src/report/html/subjectSection.js';
import type { QcThresholds, ReportInput } from '../../src/report/reportInput.js';
import type { SessionCurve } from '../../src/types/timecourse.js';
import { makeReportInput, makeSession } from './fixtures.js';

const limits: QcThresholds = { minSnr: 20, maxFwhmPpm: 0.08, maxCrlbPct: 20 };

function sessionAt(f0MHz: number | undefined, fwhmHz: number, visitOrder = 1): SessionCurve {
  const session = makeSession('S01', visitOrder, 'placebo', 3);
  return { ...session, qc: { ...session.qc, snr: 80, fwhmHz, spectrometerFrequencyMHz: f0MHz } };
}

function inputWith(sessions: SessionCurve[], crlbPct: Record<string, number>[]): ReportInput {
  const base = makeReportInput();
  return {
    ...base,
    sessions,
    extras: sessions.map((s, i) => ({ subject: s.subject, visit: s.visit, crlbPct: crlbPct[i] })),
    qcThresholds: limits,
  };
}

/** The text of the cells of the QC table, row by row. */
function qcRows(html: string): string[][] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return (body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => (row.match(/<td[^>]*>([^<]*)<\/td>/g) ?? []).map((c) => c.replace(/<[^>]+>/g, '')));
}

describe('QC: undetected outcome metabolites', () => {
  const detected = { Glu: 8, Glx: 5.6, tNAA: 2.1, tCr: 3 };

  it('flags an undetected Glu as "Glu not detected", never as "n/a% > 20%"', () => {
    const flags = qcFlags(sessionAt(123.2, 7), { ...detected, Glu: Number.POSITIVE_INFINITY, tNAA: 9.7 }, limits);
    expect(flags).toEqual(['Glu not detected']);
    expect(flags.join(';')).not.toContain('n/a');
  });

  it('"Worst CRLB" shows the undetected metabolite, not the worst finite CRLB', () => {
    const sessions = [sessionAt(123.2, 7), sessionAt(123.2, 7, 2)];
    const html = qcSection(inputWith(sessions, [{ ...detected, Glu: Number.POSITIVE_INFINITY, tNAA: 9.7 }, { ...detected, tNAA: 9.7 }]));
    const rows = qcRows(html);
    expect(rows[0]![6]).toBe('Glu not detected');
    expect(rows[0]![9]).toBe('FLAG: Glu not detected');
    expect(rows[1]![6]).toBe('9.7% (tNAA)');
    expect(rows[1]![9]).toBe('pass');
  });

  it('an unknown CRLB says so instead of comparing NaN with the limit', () => {
    expect(qcFlags(sessionAt(123.2, 7), { ...detected, Glu: Number.NaN }, limits)).toEqual(['Glu CRLB not available']);
  });
});

describe('QC: the linewidth limit is in ppm and shown in Hz at each session’s field', () => {
  it('0.08 ppm is 9.9 Hz at 3T and 23.8 Hz at 7T', () => {
    expect(fwhmLimitHz(sessionAt(123.2, 7), limits)).toBeCloseTo(9.856, 10);
    expect(fwhmLimitHz(sessionAt(297.2, 7), limits)).toBeCloseTo(23.776, 10);
  });

  it('12.1 Hz passes at 7T (0.041 ppm) and is flagged at 3T, with the limit in Hz and ppm', () => {
    expect(qcFlags(sessionAt(297.2, 12.1), undefined, limits)).toEqual([]);
    expect(qcFlags(sessionAt(123.2, 12.1), undefined, limits)).toEqual(['FWHM 12.1 Hz > 9.9 Hz (0.08 ppm at 123.2 MHz)']);
    expect(qcFlags(sessionAt(63.9, 16.1), undefined, limits)).toEqual(['FWHM 16.1 Hz > 5.1 Hz (0.08 ppm at 63.9 MHz)']);
  });

  it('the limits line gives the limit in Hz for every field present; the FWHM cell adds ppm', () => {
    const html = qcSection(inputWith([sessionAt(297.2, 12.1), sessionAt(123.2, 7, 2), sessionAt(123.2001, 7, 3)], [{}, {}, {}]));
    expect(html).toContain('FWHM ≤ 0.08 ppm (9.9 Hz at 123.2 MHz; 23.8 Hz at 297.2 MHz)');
    expect(qcRows(html)[0]![4]).toBe('12.1 (0.041 ppm)');
  });

  it('without the field the linewidth cannot be checked, and the flag says so', () => {
    expect(qcFlags(sessionAt(undefined, 7), undefined, limits)).toEqual(['FWHM not checked (field strength unknown; limit 0.08 ppm)']);
  });
});

describe('dynamic model table: negative baseline β', () => {
  it('flags the measure and withholds its % of baseline', () => {
    const input = makeReportInput();
    const session = input.sessions[0]!;
    const estimate = (value: number) => ({ value, sd: 0.1 });
    const extras = [{
      subject: session.subject,
      visit: session.visit,
      dynamicEffects: [
        { measure: 'Glu', regressor: 'infusion', baseline: estimate(-0.4), effect: estimate(0.2), percentOfBaseline: estimate(-50), negativeBaseline: true },
        { measure: 'tNAA', regressor: 'infusion', baseline: estimate(10), effect: estimate(0.1), percentOfBaseline: estimate(1), negativeBaseline: false },
      ],
    }];
    const html = subjectSection({ ...input, extras }, session.subject, ['placebo', 'naltrexone']);
    expect(html).toContain('<td class="flag">−0.400 ± 0.100 (negative)</td>');
    expect(html).toContain('<td class="flag">n/a (negative baseline)</td>');
    expect(html).not.toContain('−50.0 ± 0.1');
    expect(html).toContain('<td>1.0 ± 0.1</td>');
    expect(html).toContain('Negative baseline level (flagged): Glu;');
  });

  it('prints levels in basis units that are tiny in exponent notation, not as 0.000', () => {
    const input = makeReportInput();
    const session = input.sessions[0]!;
    const row = { measure: 'Glu', regressor: 'infusion', baseline: { value: 6.11e-7, sd: 2.98e-8 }, effect: { value: -1.2e-8, sd: 3e-9 }, percentOfBaseline: { value: -2, sd: 0.5 } };
    const html = subjectSection({ ...input, extras: [{ subject: session.subject, visit: session.visit, dynamicEffects: [row] }] }, session.subject, ['placebo', 'naltrexone']);
    expect(html).toContain('<td>6.11e−7 ± 2.98e−8</td>');
    expect(html).toContain('<td>−1.20e−8 ± 3.00e−9</td>');
    expect(html).toContain('<td>−2.0 ± 0.5</td>');
  });
});
