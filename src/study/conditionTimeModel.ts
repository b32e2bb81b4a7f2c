/**
 * The study's mixed model: % change ~ condition * timeBin [+ sex + sex:condition] [+ visitOrder] + (1 | subject)
 * [+ (1 | subject:visit)], one observation per session and time bin, REML with Satterthwaite or Kenward–Roger df.
 * The session intercept (default) keeps a session-wide shift from counting as many independent time-bin
 * deviations, which would inflate the condition test. Factors use centred treatment coding,
 * so "condition[naltrexone − placebo]" is the condition effect averaged over time bins (and sexes).
 */
import type { CoefficientEstimate, FTest, MixedModelSummary } from '../types/study.js';
import { centredTreatmentColumns, interactionColumns, interceptColumn } from './factorCoding.js';
import { kenwardRogerContrast, kenwardRogerFTest } from './kenwardRoger.js';
import { contrastEstimate, fitNestedRandomIntercepts, fitRandomIntercept, waldFTest } from './linearMixedModel.js';
import { binCentreMin, type BinnedSession } from './sessionBins.js';

export interface ConditionModelOptions {
  conditions: string[];
  /** Level 0 of the condition factor. */
  referenceCondition: string;
  timeBinMin: number;
  /** Bins starting before this time (minutes from infusion start) are left out of the model. */
  modelFromMin: number;
  includeSex: boolean;
  includeVisitOrder: boolean;
  confidence: number;
  responseLabel: string;
  dfMethod: MixedModelSummary['dfMethod'];
  /** Random intercepts per subject only, or per subject and per session (visit) within subject. */
  randomEffects: 'subject' | 'subject+session';
}

interface Term {
  name: string;
  columns: Float64Array[];
  labels: string[];
}

const MIN_SESSIONS_PER_CELL = 2;

export function fitConditionTimeModel(
  sessions: BinnedSession[],
  options: ConditionModelOptions,
): { summary: MixedModelSummary | null; warnings: string[] } {
  const warnings: string[] = [];
  const conditions = [options.referenceCondition, ...options.conditions.filter((c) => c !== options.referenceCondition)];
  const usable = sessions.filter((s) => conditions.includes(s.condition));
  if (!options.conditions.includes(options.referenceCondition) || conditions.length < 2) {
    return { summary: null, warnings: ['mixed model: needs the reference and at least one other condition; not fitted'] };
  }

  const bins = modelBins(usable, conditions, options, warnings);
  const rows = usable.flatMap((s) =>
    bins.filter((b) => s.pctByBin.has(b)).map((bin) => ({ session: s, bin, value: s.pctByBin.get(bin)! })),
  );
  const subjects = [...new Set(rows.map((r) => r.session.subject))].sort();
  if (bins.length === 0 || subjects.length < 3) {
    const needs = [bins.length === 0 ? `no time bin from ${options.modelFromMin} min on has ${MIN_SESSIONS_PER_CELL} sessions in every condition` : '', subjects.length < 3 ? `${subjects.length} subject(s), needs at least 3` : '']
      .filter(Boolean)
      .join('; ');
    warnings.push(`mixed model: ${needs}; not fitted`);
    return { summary: null, warnings };
  }

  const n = rows.length;
  const binLabels = bins.map((b) => `${formatMin(binCentreMin(b, options.timeBinMin))} min`);
  const condition = factorTerm('condition', rows.map((r) => conditions.indexOf(r.session.condition)), conditions);
  const timeBin = factorTerm('timeBin', rows.map((r) => bins.indexOf(r.bin)), binLabels);
  const terms: Term[] = [condition, timeBin, productTerm(condition, timeBin)];

  const sexes = new Set(rows.map((r) => r.session.sex));
  if (options.includeSex) {
    if (sexes.size === 2) {
      const sex = factorTerm('sex', rows.map((r) => (r.session.sex === 'M' ? 0 : 1)), ['M', 'F']);
      terms.push(sex, productTerm(sex, condition));
    } else {
      warnings.push(`mixed model: only one sex (${[...sexes].join('')}) present; sex terms left out`);
    }
  }
  if (options.includeVisitOrder) {
    const orders = [...new Set(rows.map((r) => r.session.visitOrder))].sort((a, b) => a - b);
    if (orders.length > 1) {
      terms.push(factorTerm('visitOrder', rows.map((r) => orders.indexOf(r.session.visitOrder)), orders.map(String)));
    }
  }

  const columns = [interceptColumn(n), ...terms.flatMap((t) => t.columns)];
  const columnNames = ['(Intercept)', ...terms.flatMap((t) => t.labels)];
  const values = rows.map((r) => r.value);
  const subjectOf = rows.map((r) => subjects.indexOf(r.session.subject));
  let fit: ReturnType<typeof fitRandomIntercept>;
  try {
    fit =
      options.randomEffects === 'subject+session'
        ? fitNestedRandomIntercepts(values, { columns, columnNames }, subjectOf, rows.map((r) => usable.indexOf(r.session)))
        : fitRandomIntercept(values, { columns, columnNames }, subjectOf);
  } catch (error) {
    warnings.push(`mixed model: not fitted (${(error as Error).message})`);
    return { summary: null, warnings };
  }
  warnings.push(...fit.warnings);

  const p = columns.length;
  const fTests: FTest[] = [];
  let offset = 1;
  for (const term of terms) {
    const indices = term.columns.map((_, k) => offset + k);
    offset += term.columns.length;
    const kept = indices.filter((j) => fit.keptColumns.includes(j));
    if (kept.length === 0) {
      warnings.push(`mixed model: term ${term.name} is confounded with earlier terms; not tested`);
      continue;
    }
    const hypothesis = kept.map((j) => unitRow(j, p));
    const test = options.dfMethod === 'Kenward-Roger' ? kenwardRogerFTest(fit, hypothesis) : waldFTest(fit, hypothesis);
    if (test) fTests.push({ term: term.name, ...test });
  }

  const coefficients: CoefficientEstimate[] = [];
  for (const j of fit.keptColumns) {
    const c =
      options.dfMethod === 'Kenward-Roger'
        ? kenwardRogerContrast(fit, unitRow(j, p), options.confidence)
        : contrastEstimate(fit, unitRow(j, p), options.confidence);
    if (c) coefficients.push({ name: columnNames[j]!, ...c });
  }

  const formulaTerms = terms.map((t) => t.name).filter((name) => name !== 'condition' && name !== 'timeBin' && name !== 'condition:timeBin');
  const randomTerms = options.randomEffects === 'subject+session' ? ['(1 | subject)', '(1 | subject:visit)'] : ['(1 | subject)'];
  const summary: MixedModelSummary = {
    formula: [`${options.responseLabel} ~ condition * timeBin`, ...formulaTerms, ...randomTerms].join(' + '),
    method: 'REML',
    dfMethod: options.dfMethod,
    fTests,
    coefficients,
    subjectVariance: fit.subjectVariance,
    ...(options.randomEffects === 'subject+session' ? { sessionVariance: fit.sessionVariance, nSessions: fit.nSessions } : {}),
    residualVariance: fit.residualVariance,
    nObservations: fit.nObservations,
    nSubjects: fit.nGroups,
    converged: fit.converged,
    timeBinsMin: bins.map((b) => binCentreMin(b, options.timeBinMin)),
  };
  return { summary, warnings };
}

/** Bins from `modelFromMin` on in which every condition has at least two sessions (no empty cells). */
function modelBins(
  sessions: BinnedSession[],
  conditions: string[],
  options: ConditionModelOptions,
  warnings: string[],
): number[] {
  const all = [...new Set(sessions.flatMap((s) => [...s.pctByBin.keys()]))]
    .filter((b) => b * options.timeBinMin >= options.modelFromMin - 1e-9)
    .sort((a, b) => a - b);
  const bins = all.filter((bin) =>
    conditions.every((c) => sessions.filter((s) => s.condition === c && s.pctByBin.has(bin)).length >= MIN_SESSIONS_PER_CELL),
  );
  if (bins.length < all.length) {
    const thin = all.filter((b) => !bins.includes(b)).map((b) => formatMin(binCentreMin(b, options.timeBinMin)));
    warnings.push(`mixed model: time bin(s) at ${thin.join(', ')} min have fewer than ${MIN_SESSIONS_PER_CELL} sessions in some condition; left out`);
  }
  return bins;
}

function factorTerm(name: string, levelOf: number[], levels: string[]): Term {
  return {
    name,
    columns: centredTreatmentColumns(levelOf, levels.length),
    labels: levels.slice(1).map((level) => `${name}[${level} − ${levels[0]}]`),
  };
}

function productTerm(a: Term, b: Term): Term {
  const contrast = (label: string) => label.slice(label.indexOf('[') + 1, -1);
  return {
    name: `${a.name}:${b.name}`,
    columns: interactionColumns(a.columns, b.columns),
    labels: a.labels.flatMap((la) => b.labels.map((lb) => `${a.name}:${b.name}[(${contrast(la)}) × (${contrast(lb)})]`)),
  };
}

function unitRow(j: number, p: number): Float64Array {
  const row = new Float64Array(p);
  row[j] = 1;
  return row;
}

function formatMin(value: number): string {
  return Number(value.toFixed(2)).toString();
}
