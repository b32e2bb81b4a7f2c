import type { Association } from '../../types/study.js';
import { formatNumber, formatP } from '../svg/format.js';
import { renderFigure } from '../svg/figure.js';
import { conditionColours, OKABE_ITO } from '../svg/palette.js';
import type { PanelSpec, Series } from '../svg/types.js';
import { CONDITION_SHAPES, orderedConditions } from './common.js';

export interface MadrsScatterOptions {
  conditionOrder?: readonly string[];
  xLabel?: string;
  yLabel?: string;
}


/** Readable names, with units, of the per-session response metrics (keys of SessionMetrics). */
const METRIC_LABELS: Record<string, string> = {
  peakPctChange: 'Peak change (%)',
  timeToPeakMin: 'Time to peak (min)',
  aucInfusionPctMin: 'Area under curve, infusion (%·min)',
  aucPostPctMin: 'Area under curve, after infusion (%·min)',
  earlySlopePctPerMin: 'Early slope (%/min)',
  meanInfusionPctChange: 'Mean change during infusion (%)',
  modelInfusionPctChange: 'Model infusion effect (%)',
};

/** The x label of a panel: its metric's readable name, marked Δ for a between-condition difference. */
function responseLabel(association: Association): string {
  const metric = Object.keys(METRIC_LABELS).find((key) => association.xLabel?.includes(key));
  if (!metric) return 'Glutamate response (session metric)';
  return association.xLabel!.startsWith('Δ') ? `Δ ${METRIC_LABELS[metric]}` : METRIC_LABELS[metric];
}

/** The y label: MADRS change in points or in % of baseline, marked Δ for a between-condition difference. */
function madrsLabel(association: Association): string {
  const text = association.yLabel ?? '';
  const change = text.includes('%') ? 'MADRS change, 24 h vs baseline (%)' : 'MADRS change, 24 h − baseline (points)';
  return text.startsWith('Δ') ? `Δ ${change}` : change;
}

/** Least-squares line through the points' centroid with the association's slope, over the x range. */
function fittedLine(association: Association): Series | null {
  const xs = association.points.map((p) => p.x).filter(Number.isFinite);
  const ys = association.points.map((p) => p.y).filter(Number.isFinite);
  if (xs.length < 2 || !Number.isFinite(association.slope)) return null;
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  const ends = [Math.min(...xs), Math.max(...xs)];
  return {
    label: 'Least-squares fit',
    x: ends,
    y: ends.map((x) => meanY + association.slope * (x - meanX)),
    colour: OKABE_ITO.black,
    line: { widthPx: 1.4, dash: '6 4' },
  };
}

/** Per-session response metric against the change in MADRS score, one panel per association. */
export function madrsScatterFigure(associations: readonly Association[], options: MadrsScatterOptions = {}): string {
  const conditions = orderedConditions(associations.flatMap((a) => a.points.map((p) => p.condition)), options.conditionOrder);
  const colours = conditionColours(conditions);
  const panels: PanelSpec[] = associations.map((association) => {
    const series: Series[] = conditions.map((condition, i) => {
      const points = association.points.filter((p) => p.condition === condition);
      return {
        label: condition,
        x: points.map((p) => p.x),
        y: points.map((p) => p.y),
        colour: colours.get(condition) ?? '#000000',
        marker: { shape: CONDITION_SHAPES[i % CONDITION_SHAPES.length], sizePx: 8 },
      };
    });
    const line = fittedLine(association);
    if (line) series.unshift(line);
    return {
      title: association.label,
      x: { label: options.xLabel ?? responseLabel(association) },
      y: { label: options.yLabel ?? madrsLabel(association) },
      series,
      note: `r = ${formatNumber(association.r, 2)}, p ${formatP(association.p).startsWith('<') ? formatP(association.p) : `= ${formatP(association.p)}`}, n = ${association.n}`,
    };
  });
  return renderFigure({
    title: 'Glutamate response and antidepressant response',
    subtitle: 'One point per session',
    panels,
    columns: Math.min(3, panels.length),
    // Narrower panels keep a three-panel row printable at two-column width.
    panelWidthPx: panels.length >= 3 ? 330 : 420,
    panelHeightPx: 320,
  });
}
