import type { StudyResult } from '../types/study.js';
import type { SessionCurve } from '../types/timecourse.js';
import { groupMeansFigure } from './figures/groupMeans.js';
import { madrsScatterFigure } from './figures/madrsScatter.js';
import { qcTraceFigure } from './figures/qcTraces.js';
import { spaghettiFigure } from './figures/spaghetti.js';
import { subjectOverlayFigure } from './figures/subjectOverlay.js';
import { visitResponseFigure } from './figures/visitResponse.js';
import { orderedConditions } from './figures/common.js';
import { svgToPng } from './png.js';
import type { SessionReportExtras } from './reportInput.js';
import { conditionColours } from './svg/palette.js';

export interface FigureFile {
  /** Relative to the output folder, always with forward slashes, e.g. "plots/S01_V1_glx.svg". */
  relativePath: string;
  contents: string | Uint8Array;
}

export interface FigureFilesInput {
  sessions: readonly SessionCurve[];
  study?: StudyResult | null;
  extras?: readonly SessionReportExtras[];
  infusionDurationMin: number;
  responseMeasures?: readonly string[];
  /** Also write a PNG beside every SVG (default true). */
  png?: boolean;
}

/** A file-name-safe stem: manifest ids may hold spaces or slashes. */
export function fileStem(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
}

/**
 * Every figure of a run as files for plots/: per visit the glutamate response (and QC when traced),
 * per subject the visits overlaid, and the group figures when there is a study result.
 */
export function renderFigureFiles(input: FigureFilesInput): FigureFile[] {
  const conditionOrder = input.study?.conditions ?? orderedConditions(input.sessions.map((s) => s.condition));
  const colours = conditionColours(conditionOrder);
  const figures: { stem: string; svg: string }[] = [];

  for (const session of input.sessions) {
    const stem = `${fileStem(session.subject)}_${fileStem(session.visit)}`;
    figures.push({ stem: `${stem}_glx`, svg: visitResponseFigure(session, { measures: input.responseMeasures, colour: colours.get(session.condition) }) });
    const trace = input.extras?.find((e) => e.subject === session.subject && e.visit === session.visit)?.qcTrace;
    if (trace) figures.push({ stem: `${stem}_qc`, svg: qcTraceFigure(trace, { title: `Quality control — ${session.subject} ${session.visit}`, infusionDurationMin: session.infusionDurationMin }) });
  }
  for (const subject of new Set(input.sessions.map((s) => s.subject))) {
    const sessions = input.sessions.filter((s) => s.subject === subject);
    figures.push({ stem: `${fileStem(subject)}_visits`, svg: subjectOverlayFigure(sessions, { measures: input.responseMeasures, conditionOrder }) });
  }
  const study = input.study;
  if (study && study.meanCurves.length) {
    figures.push({ stem: 'group_means', svg: groupMeansFigure(study, { infusionDurationMin: input.infusionDurationMin }) });
    figures.push({ stem: 'spaghetti', svg: spaghettiFigure(input.sessions, { measure: study.measure, conditionOrder, meanCurves: study.meanCurves }) });
  }
  const associations = study?.madrsAssociations.filter((a) => a.points.length > 0) ?? [];
  if (associations.length) figures.push({ stem: 'madrs_association', svg: madrsScatterFigure(associations, { conditionOrder }) });

  return figures.flatMap(({ stem, svg }) => {
    const files: FigureFile[] = [{ relativePath: `plots/${stem}.svg`, contents: svg }];
    if (input.png !== false) files.push({ relativePath: `plots/${stem}.png`, contents: svgToPng(svg) });
    return files;
  });
}
