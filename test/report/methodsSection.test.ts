import { describe, expect, it } from 'vitest';
import { methodsSection } from '../../src/report/html/methodsSection.js';
import type { SessionAcquisition } from '../../src/types/acquisition.js';
import { makeReportInput } from './fixtures.js';

const ACQUISITION: SessionAcquisition = {
  format: 'siemens-twix', sequenceName: 'svs_se', spectrometerFrequencyMHz: 123.25, fieldStrengthT: null, echoTimeS: 0.03,
  repetitionTimeS: 2, nucleus: '1H', points: 2048, dwellTimeS: 2.5e-4, transients: 128, coils: 32, voxelSizeMm: [20, 20, 20], waterReference: true,
};

function inputWith(acquisitions: SessionAcquisition[], methods: string[] = []) {
  const input = makeReportInput();
  return { ...input, methods, extras: input.extras!.map((e, i) => ({ ...e, acquisition: acquisitions[i % acquisitions.length] })) };
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ');

describe('report methods section', () => {
  it('states one value for what all sessions share, and each value with its session count where they differ', () => {
    const other = { ...ACQUISITION, echoTimeS: 0.035, voxelSizeMm: null, waterReference: false };
    const html = methodsSection(inputWith([ACQUISITION, ACQUISITION, other]));
    // six sessions in the fixture, every third one the other acquisition
    expect(text(html)).toContain('Acquisition (6 sessions, from the file headers): sequence svs_se; 2.89 T (123.250 MHz); TE 30 ms (4), 35 ms (2); TR 2000 ms;');
    expect(text(html)).toContain('2048 points over 4000 Hz; 128 transients per session; receive channels 32; voxel 20 × 20 × 20 mm (4), not in header (2)');
    expect(text(html)).toContain('an unsuppressed water reference in 4 of 6 sessions');
    expect(html.match(/<tr><td>/g)).toHaveLength(6);
  });

  it('gives the pipeline\'s paragraphs and the study model', () => {
    const html = methodsSection(inputWith([ACQUISITION], ['Frequency and phase of each transient were corrected.']));
    expect(html).toContain('<p>Frequency and phase of each transient were corrected.</p>');
    expect(text(html)).toContain('Study statistics: a linear mixed model, pct ~ condition * timeBin + (1 | subject)');
    expect(text(html)).toMatch(/degrees of freedom \((Satterthwaite 1946|Kenward &amp; Roger 1997)\)/);
  });

  it('lists the full reference of every work the methods text cites, and no other', () => {
    const html = methodsSection(inputWith([ACQUISITION], ['Corrected as in Klose 1990 and Near et al. 2015.']));
    const items = html.slice(html.indexOf('References')).match(/<li>[^<]*<\/li>/g) ?? [];
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('Klose U. In vivo proton spectroscopy in presence of eddy currents. Magn Reson Med 1990;14:26–30.');
    expect(items[1]).toContain('Near J, Edden R');
    // the fixture's statistics cite their df method
    expect(items[2]).toMatch(/Satterthwaite FE|Kenward MG/);
  });

  it('says so when there is nothing to describe', () => {
    const input = makeReportInput();
    expect(text(methodsSection({ ...input, study: null, extras: [] }))).toContain('No sessions were analysed.');
  });
});
