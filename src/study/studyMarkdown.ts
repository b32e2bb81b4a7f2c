/** Renders a StudyResult as a readable study.md: the model F tests, contrasts, associations and curves. */
import type { ContrastEstimate, StudyResult } from '../types/study.js';

/** A number with `digits` significant digits, without exponent notation for everyday magnitudes. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(digits - 1);
  if (magnitude >= 10 ** digits) return value.toFixed(0);
  return Number(value.toPrecision(digits)).toString();
}

/** % change with two decimals: rounding error around 0 (a baseline bin's mean) prints as 0.00, never in exponent form. */
function formatPercentChange(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** p-values as journals print them: "< 0.0001", one significant digit below 0.001, else two. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p < 0.0001) return '< 0.0001';
  if (p < 0.001) return `= ${p.toPrecision(1)}`;
  return `= ${p.toPrecision(2)}`;
}

/** Degrees of freedom: whole numbers stay whole, Satterthwaite df get one decimal. */
export function formatDf(df: number): string {
  if (!Number.isFinite(df)) return '–';
  return Math.abs(df - Math.round(df)) < 0.05 ? Math.round(df).toString() : df.toFixed(1);
}

/** "F(1, 253) = 12.3, p = 0.0005". */
export function formatFTest(numDf: number, denDf: number, F: number, p: number): string {
  return `F(${formatDf(numDf)}, ${formatDf(denDf)}) = ${formatNumber(F)}, p ${formatP(p)}`;
}

function interval(low: number, high: number): string {
  return `[${formatNumber(low)}, ${formatNumber(high)}]`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function contrastTable(contrasts: ContrastEstimate[], estimateHeader: string, percent: string): string {
  return table(
    ['Comparison', 'Metric', 'n', estimateHeader, `${percent} CI`, 't (df)', 'p'],
    contrasts.map((c) => [
      c.label,
      c.metric,
      String(c.n),
      formatNumber(c.estimate),
      interval(c.ciLow, c.ciHigh),
      `${formatNumber(c.estimate / c.se)} (${formatDf(c.df)})`,
      formatP(c.p).replace(/^= /, ''),
    ]),
  );
}

export function renderStudyMarkdown(result: StudyResult): string {
  const confidence = result.settings?.confidence ?? 0.95;
  const percent = `${formatNumber(100 * confidence, 3)}%`;
  const out: string[] = [];
  out.push(`# Study statistics: ${result.measure}`, '');
  const others = result.conditions.filter((c) => c !== result.referenceCondition);
  out.push(`Conditions: ${result.referenceCondition} (reference)${others.length ? `, ${others.join(', ')}` : ''}.`);
  if (result.settings) {
    const s = result.settings;
    out.push(
      `Time bins of ${formatNumber(s.timeBinMin)} min; ${percent} confidence intervals; glutamate response for the MADRS ` +
        `association: ${s.responseMetric}; MADRS change ${s.madrsChange === 'absolute' ? 'as h24 − baseline' : 'as % of baseline'}.`,
    );
  }
  out.push('');

  out.push('## Mixed model', '');
  const model = result.mixedModel;
  if (!model) {
    out.push('Not fitted (see warnings).', '');
  } else {
    out.push(
      `\`${model.formula}\`, ${model.method}, ${model.dfMethod} degrees of freedom; ${model.nObservations} observations ` +
        `from ${model.nSubjects} subjects${model.nSessions === undefined ? '' : ` (${model.nSessions} sessions)`}${model.converged ? '' : ' (variance search did not converge)'}.`,
      `Subject variance ${formatNumber(model.subjectVariance)}` +
        (model.sessionVariance === undefined ? '' : `, session (visit within subject) variance ${formatNumber(model.sessionVariance)}`) +
        `, residual variance ${formatNumber(model.residualVariance)}.`,
      '',
    );
    out.push(table(['Term', 'Test'], model.fTests.map((t) => [t.term, formatFTest(t.numDf, t.denDf, t.F, t.p)])), '');
    out.push(
      'Coefficients (centred treatment coding: each is a difference from the reference level, averaged over the other factors):',
      '',
    );
    out.push(
      table(
        ['Coefficient', 'Estimate', 'SE', 'df', `${percent} CI`, 'p'],
        model.coefficients.map((c) => [
          c.name,
          formatNumber(c.estimate),
          formatNumber(c.se),
          formatDf(c.df),
          interval(c.ciLow, c.ciHigh),
          formatP(c.p).replace(/^= /, ''),
        ]),
      ),
      '',
    );
  }

  out.push('## Paired differences of per-session metrics', '');
  out.push(result.pairedMetrics.length ? contrastTable(result.pairedMetrics, 'Mean difference', percent) : 'None estimable.', '');

  out.push('## Association with MADRS change', '');
  out.push(
    result.madrsAssociations.length
      ? table(
          ['Comparison', 'x', 'y', 'n', 'r', 'Slope', `${percent} CI`, 'p'],
          result.madrsAssociations.map((a) => [
            a.label,
            a.xLabel ?? '',
            a.yLabel ?? '',
            String(a.n),
            formatNumber(a.r),
            formatNumber(a.slope),
            interval(a.slopeCiLow, a.slopeCiHigh),
            formatP(a.p).replace(/^= /, ''),
          ]),
        )
      : 'None estimable.',
    '',
  );

  out.push('## Sex × condition', '');
  const sexTerm = model?.fTests.find((t) => t.term === 'sex:condition');
  if (sexTerm) out.push(`Mixed model sex × condition: ${formatFTest(sexTerm.numDf, sexTerm.denDf, sexTerm.F, sexTerm.p)}.`, '');
  out.push(
    result.sexByCondition.length
      ? 'Female − male difference of the paired differences (Welch t):\n\n' + contrastTable(result.sexByCondition, 'F − M', percent)
      : 'Not estimable.',
    '',
  );

  out.push('## Mean % change by time bin', '');
  out.push(curveTable(result, percent), '');

  if (result.warnings.length) {
    out.push('## Warnings', '', ...result.warnings.map((w) => `- ${w}`), '');
  }
  return out.join('\n');
}

function curveTable(result: StudyResult, percent: string): string {
  const times = [...new Set([...result.meanCurves, ...result.differenceCurves].flatMap((c) => c.tMin))].sort((a, b) => a - b);
  if (times.length === 0) return 'No data.';
  const header = [
    't (min)',
    ...result.meanCurves.map((c) => `${c.condition}: mean ± SEM (n)`),
    ...result.differenceCurves.map((d) => `${d.label}: mean ${percent} CI (n)`),
  ];
  const rows = times.map((t) => [
    formatNumber(t),
    ...result.meanCurves.map((c) => {
      const k = c.tMin.indexOf(t);
      return k < 0 ? '' : `${formatPercentChange(c.mean[k]!)} ± ${formatPercentChange(c.sem[k]!)} (${c.n[k]})`;
    }),
    ...result.differenceCurves.map((d) => {
      const k = d.tMin.indexOf(t);
      return k < 0 ? '' : `${formatPercentChange(d.mean[k]!)} [${formatPercentChange(d.ciLow[k]!)}, ${formatPercentChange(d.ciHigh[k]!)}] (${d.n[k]})`;
    }),
  ]);
  return table(header, rows);
}
