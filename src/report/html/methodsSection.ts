import type { SessionAcquisition } from '../../types/acquisition.js';
import type { MixedModelSummary } from '../../types/study.js';
import { spectralWidthHz } from '../../types/mrsData.js';
import type { ReportInput } from '../reportInput.js';
import { heading, list, paragraph, table } from './elements.js';
import { citedReferences } from './methodReferences.js';

interface AcquiredSession {
  subject: string;
  visit: string;
  acquisition: SessionAcquisition;
}

/** 1H gyromagnetic ratio / 2π, MHz/T: the field when a header gives only the frequency. */
const PROTON_MHZ_PER_T = 42.577;

const fieldT = (a: SessionAcquisition): number => a.fieldStrengthT ?? a.spectrometerFrequencyMHz / PROTON_MHZ_PER_T;
const ms = (s: number | null): string => (s === null ? 'not in header' : `${+(s * 1000).toFixed(1)} ms`);
const voxel = (a: SessionAcquisition): string => (a.voxelSizeMm ? `${a.voxelSizeMm.map((v) => +v.toFixed(1)).join(' × ')} mm` : 'not in header');

/** One value for all sessions ("30 ms"), or each value with its session count ("30 ms (6), 35 ms (2)"). */
function distinct(sessions: readonly AcquiredSession[], describe: (a: SessionAcquisition) => string): string {
  const counts = new Map<string, number>();
  for (const s of sessions) {
    const value = describe(s.acquisition);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size === 1) return [...counts.keys()][0];
  return [...counts].map(([value, n]) => `${value} (${n})`).join(', ');
}

function acquisitionText(sessions: readonly AcquiredSession[]): string {
  const parts = [
    `sequence ${distinct(sessions, (a) => a.sequenceName ?? 'not named in header')}`,
    `${distinct(sessions, (a) => `${fieldT(a).toFixed(2)} T (${a.spectrometerFrequencyMHz.toFixed(3)} MHz)`)}`,
    `TE ${distinct(sessions, (a) => ms(a.echoTimeS))}`,
    `TR ${distinct(sessions, (a) => ms(a.repetitionTimeS))}`,
    `${distinct(sessions, (a) => `${a.points} points`)} over ${distinct(sessions, (a) => `${Math.round(spectralWidthHz(a))} Hz`)}`,
    `${distinct(sessions, (a) => `${a.transients}`)} transients per session`,
    `receive channels ${distinct(sessions, (a) => `${a.coils}`)}`,
    `voxel ${distinct(sessions, voxel)}`,
  ];
  const withWater = sessions.filter((s) => s.acquisition.waterReference).length;
  return `Acquisition (${sessions.length} sessions, from the file headers): ${parts.join('; ')}; an unsuppressed water reference in ${withWater} of ${sessions.length} sessions.`;
}

const DF_METHOD_REFERENCE: Record<MixedModelSummary['dfMethod'], string> = {
  Satterthwaite: 'Satterthwaite 1946',
  'Kenward-Roger': 'Kenward & Roger 1997',
};

function statisticsText(input: ReportInput): string | null {
  const model = input.study?.mixedModel;
  if (!model) return null;
  const settings = input.study?.settings;
  const bins = settings ? ` on the % change averaged in ${settings.timeBinMin}-min bins from ${settings.modelFromMin} min after infusion start,` : '';
  const madrs = settings ? `${settings.responseMetric} with the ${settings.madrsChange} change` : 'the response with the change';
  return `Study statistics: a linear mixed model, ${model.formula},${bins} fitted by ${model.method} with ${model.dfMethod} degrees of ` +
    `freedom (${DF_METHOD_REFERENCE[model.dfMethod]}); paired within-subject contrasts of the session metrics; and the association of ${madrs} in MADRS from baseline to 24 h ` +
    '(see Statistics).';
}

/**
 * What a paper's methods must state (acquisition from the headers, then the processing, fitting and statistics the
 * run applied), as text to adapt, and the acquisition of every session.
 */
export function methodsSection(input: ReportInput): string {
  const sessions: AcquiredSession[] = (input.extras ?? []).flatMap((e) => (e.acquisition ? [{ subject: e.subject, visit: e.visit, acquisition: e.acquisition }] : []));
  const parts = [heading(2, 'Methods', 'methods')];
  if (sessions.length) parts.push(paragraph(acquisitionText(sessions)));
  const statistics = statisticsText(input);
  const texts = [...(input.methods ?? []), ...(statistics ? [statistics] : [])];
  for (const text of texts) parts.push(paragraph(text));
  if (parts.length === 1) return parts.concat(paragraph('No sessions were analysed.', 'muted')).join('\n');
  const references = citedReferences(texts);
  if (references.length) parts.push(heading(3, 'References'), list(references));
  if (sessions.length) {
    parts.push(heading(3, 'Acquisition per session'));
    parts.push(table(
      ['Subject', 'Visit', 'Format', 'Sequence', 'Field', 'TE', 'TR', 'Points', 'Spectral width', 'Transients', 'Channels', 'Voxel', 'Water reference'],
      sessions.map(({ subject, visit, acquisition: a }) => [
        subject, visit, a.format, a.sequenceName ?? '—', `${fieldT(a).toFixed(2)} T`, ms(a.echoTimeS), ms(a.repetitionTimeS),
        a.points, `${Math.round(spectralWidthHz(a))} Hz`, a.transients, a.coils, voxel(a), a.waterReference ? 'yes' : 'no',
      ]),
    ));
  }
  return parts.join('\n');
}
