import { describe, expect, it } from 'vitest';
import { sessionsCsv } from '../../src/output/sessionTables.js';
import { makeSessions } from '../report/fixtures.js';

describe('sessions.csv', () => {
  it('has the same metric columns for Glx and Glu (either may be the outcome), and qc_flags', () => {
    const [header, ...rows] = sessionsCsv(makeSessions(), 'tCr', makeSessions().map((_, i) => (i === 1 ? ['SNR 12.0 < 20', 'Glu not detected'] : []))).trim().split('\n');
    const columns = header.split(',');
    const glx = columns.filter((c) => c.startsWith('glx_tCr_')).map((c) => c.slice('glx_tCr_'.length));
    const glu = columns.filter((c) => c.startsWith('glu_tCr_')).map((c) => c.slice('glu_tCr_'.length));
    expect(glu).toEqual(glx);
    expect(glx).toContain('early_slope_pct_per_min');
    const flags = columns.indexOf('qc_flags');
    expect(rows[0].split(',')[flags]).toBe('');
    expect(rows[1].split(',')[flags]).toBe('SNR 12.0 < 20; Glu not detected');
  });
});
