import type { ContrastEstimate, StudyResult } from '../../types/study.js';
import { formatNumber, formatP } from '../svg/format.js';
import { heading, list, paragraph, table } from './elements.js';

const n2 = (v: number): string => formatNumber(v, 2);
const ci = (lo: number, hi: number): string => `[${n2(lo)}, ${n2(hi)}]`;

function contrastTable(contrasts: readonly ContrastEstimate[], caption: string): string {
  return table(
    ['Contrast', 'Metric', 'Estimate', 'SE', 'df', '95% CI', 'p', 'n'],
    contrasts.map((c) => [c.label, c.metric, n2(c.estimate), n2(c.se), formatNumber(c.df, 1), ci(c.ciLow, c.ciHigh), formatP(c.p), c.n]),
    caption,
  );
}

function mixedModelHtml(study: StudyResult): string {
  const model = study.mixedModel;
  if (!model) return paragraph('No mixed model was fitted (see the warnings below).', 'muted');
  const description = `${model.formula}, ${model.method} with ${model.dfMethod} degrees of freedom; ` +
    `${model.nObservations} observations from ${model.nSubjects} subjects; subject variance ${n2(model.subjectVariance)}, ` +
    (model.sessionVariance === undefined ? '' : `session variance ${n2(model.sessionVariance)}, `) +
    `residual variance ${n2(model.residualVariance)}${model.converged ? '' : '; DID NOT CONVERGE'}.`;
  return [
    paragraph(description),
    table(['Term', 'F', 'df', 'p'], model.fTests.map((f) => [f.term, n2(f.F), `${formatNumber(f.numDf, 0)}, ${formatNumber(f.denDf, 1)}`, formatP(f.p)]), 'Type III F tests'),
    table(
      ['Coefficient', 'Estimate', 'SE', 'df', 't', '95% CI', 'p'],
      model.coefficients.map((c) => [c.name, n2(c.estimate), n2(c.se), formatNumber(c.df, 1), n2(c.t), ci(c.ciLow, c.ciHigh), formatP(c.p)]),
      'Fixed effects',
    ),
  ].join('\n');
}

/** The statistics the trial team publishes, as tables. */
export function statsSection(study: StudyResult | null): string {
  if (!study) return heading(2, 'Statistics', 'statistics') + paragraph('No study statistics: fewer than two usable sessions.', 'muted');
  const parts = [
    heading(2, 'Statistics', 'statistics'),
    paragraph(`Outcome measure: ${study.measure}. Conditions: ${study.conditions.join(', ')} (reference: ${study.referenceCondition}).`),
    heading(3, 'Linear mixed model'),
    mixedModelHtml(study),
    heading(3, 'Paired contrasts of session metrics'),
    study.pairedMetrics.length ? contrastTable(study.pairedMetrics, 'Within-subject differences') : paragraph('None computed.', 'muted'),
    heading(3, 'Association with MADRS change'),
    study.madrsAssociations.length
      ? table(
        ['Association', 'r', 'Slope', '95% CI of slope', 'p', 'n'],
        study.madrsAssociations.map((a) => [a.label, n2(a.r), n2(a.slope), ci(a.slopeCiLow, a.slopeCiHigh), formatP(a.p), a.n]),
      )
      : paragraph('None estimated (see the warnings below).', 'muted'),
    heading(3, 'Sex × condition'),
    study.sexByCondition.length ? contrastTable(study.sexByCondition, 'Interaction contrasts') : paragraph('None computed.', 'muted'),
  ];
  if (study.warnings.length) parts.push(heading(3, 'Warnings'), list(study.warnings));
  return parts.join('\n');
}
