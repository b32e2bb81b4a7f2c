import { groupMeansFigure } from './figures/groupMeans.js';
import { madrsScatterFigure } from './figures/madrsScatter.js';
import { spaghettiFigure } from './figures/spaghetti.js';
import { orderedConditions } from './figures/common.js';
import { anchorId, figure, heading, paragraph, table } from './html/elements.js';
import { methodsSection } from './html/methodsSection.js';
import { failedSection, qcSection } from './html/qcSection.js';
import { statsSection } from './html/statsSection.js';
import { REPORT_CSS } from './html/styles.js';
import { subjectSection } from './html/subjectSection.js';
import { qcFlags } from '../timecourse/sessionQc.js';
import { extrasFor, type ReportInput } from './reportInput.js';
import { escapeXml } from './svg/format.js';

function summaryHtml(input: ReportInput): string {
  const { manifest } = input;
  const visitsInManifest = manifest.subjects.reduce((n, s) => n + s.visits.length, 0);
  const items: [string, string][] = [
    ['Drug', `${manifest.infusion.drug}, ${manifest.infusion.doseMgPerKg} mg/kg over ${manifest.infusion.durationMin} min`],
    ['Sessions', `${input.sessions.length} analysed of ${visitsInManifest} in the manifest (${manifest.subjects.length} subject${manifest.subjects.length === 1 ? '' : 's'})${qcExclusionNote(input)}`],
    ['Conditions', orderedConditions(manifest.subjects.flatMap((s) => s.visits.map((v) => v.condition)), [manifest.analysis.referenceCondition]).join(', ')],
    ['Model', `${manifest.analysis.model}; windows of ${manifest.analysis.windowTransients} transients, step ${manifest.analysis.stepTransients}`],
    ['Baseline', `${manifest.analysis.baselineMin[0]} to ${manifest.analysis.baselineMin[1]} min from infusion start; reference ${manifest.analysis.reference}`],
  ];
  if (input.generatedAt) items.push(['Generated', input.generatedAt]);
  return `<dl class="summary">${items.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('')}</dl>`;
}

/** "; 2 outside the QC limits, left out of the statistics" when the run excluded failing sessions. */
function qcExclusionNote(input: ReportInput): string {
  if (!input.qcExcludesFailing) return '';
  const failing = input.sessions.filter((s) => qcFlags(s, extrasFor(input, s)?.crlbPct, input.qcThresholds).length > 0).length;
  return failing ? `; ${failing} outside the QC limits, left out of the statistics` : '';
}

function groupSection(input: ReportInput, conditionOrder: readonly string[]): string {
  const parts = [heading(2, 'Group results', 'group')];
  const study = input.study;
  const measure = study?.measure ?? input.responseMeasures?.[0] ?? 'Glx/tNAA';
  if (study && study.meanCurves.length) {
    parts.push(figure(groupMeansFigure(study, { infusionDurationMin: input.manifest.infusion.durationMin }), `Mean ${measure} % change per condition with confidence bands, and the difference between conditions.`));
  }
  if (input.sessions.some((s) => s.measures[measure])) {
    parts.push(figure(spaghettiFigure(input.sessions, { measure, conditionOrder, meanCurves: study?.meanCurves }), `${measure} % change of every session, by condition.`));
  }
  const associations = study?.madrsAssociations.filter((a) => a.points.length > 0) ?? [];
  if (associations.length) {
    parts.push(figure(madrsScatterFigure(associations, { conditionOrder }), 'Per-session glutamate response against the change in MADRS score from baseline to 24 h.'));
  }
  if (parts.length === 1) parts.push(paragraph('No group figures: no usable sessions.', 'muted'));
  return parts.join('\n');
}

function provenanceSection(input: ReportInput): string {
  const versions = Object.entries(input.versions).sort(([a], [b]) => a.localeCompare(b));
  return [
    heading(2, 'Manifest and software', 'provenance'),
    table(['Component', 'Version'], versions),
    heading(3, 'Manifest as run'),
    `<pre>${escapeXml(JSON.stringify(input.manifest, null, 2))}</pre>`,
  ].join('\n');
}

/** The whole report as one self-contained HTML document: inline CSS and SVG, no scripts, no network. */
export function renderReportHtml(input: ReportInput): string {
  const conditionOrder = input.study?.conditions
    ?? orderedConditions(input.sessions.map((s) => s.condition), [input.manifest.analysis.referenceCondition]);
  const subjects = [...new Set(input.sessions.map((s) => s.subject))];
  const title = `${input.manifest.name} — glutamate response report`;
  const nav = [
    ['group', 'Group results'],
    ['statistics', 'Statistics'],
    ['qc', 'Quality control'],
    ['failed', 'Failed sessions'],
    ['subjects', 'Subjects'],
    ['methods', 'Methods'],
    ['provenance', 'Manifest and software'],
  ].map(([id, text]) => `<li><a href="#${id}">${escapeXml(text)}</a></li>`).join('');
  const subjectLinks = subjects.map((s) => `<a href="#${anchorId('subject', s)}">${escapeXml(s)}</a>`).join(' · ');
  const body = [
    `<h1>${escapeXml(input.manifest.name)}</h1>`,
    summaryHtml(input),
    `<nav><ul>${nav}</ul></nav>`,
    groupSection(input, conditionOrder),
    statsSection(input.study),
    qcSection(input),
    failedSection(input.failedSessions ?? []),
    heading(2, 'Subjects', 'subjects'),
    subjects.length ? `<p>${subjectLinks}</p>` : paragraph('No sessions were analysed.', 'muted'),
    ...subjects.map((s) => subjectSection(input, s, conditionOrder)),
    methodsSection(input),
    provenanceSection(input),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
