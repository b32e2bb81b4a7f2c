/**
 * Nelder–Mead simplex minimisation (standard coefficients: reflect 1, expand 2, contract ½, shrink ½) with one
 * restart from the best point, which guards against the simplex collapsing before it reaches the minimum.
 * Deterministic; used for the two variance ratios of the nested mixed model.
 */

export interface SimplexOptions {
  /** Initial step along each coordinate. */
  steps: number[];
  /** Stop when the simplex's values and coordinates agree within these tolerances (relative + absolute). */
  valueTolerance?: number;
  pointTolerance?: number;
  maxEvaluations?: number;
}

export interface SimplexResult {
  argmin: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

export function minimiseNelderMead(f: (x: number[]) => number, start: number[], options: SimplexOptions): SimplexResult {
  const budget = options.maxEvaluations ?? 4000;
  let evaluations = 0;
  const counted = (x: number[]) => {
    evaluations += 1;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let best = { argmin: start, value: counted(start), converged: false };
  for (let round = 0; round < 2; round++) {
    const steps = round === 0 ? options.steps : options.steps.map((s, k) => Math.max(Math.abs(best.argmin[k]!) * 0.05, s * 0.01));
    best = simplexRun(counted, best.argmin, best.value, steps, options, () => evaluations < budget);
  }
  return { ...best, evaluations };
}

function simplexRun(
  f: (x: number[]) => number,
  start: number[],
  startValue: number,
  steps: number[],
  options: SimplexOptions,
  withinBudget: () => boolean,
): { argmin: number[]; value: number; converged: boolean } {
  const valueTolerance = options.valueTolerance ?? 1e-12;
  const pointTolerance = options.pointTolerance ?? 1e-8;
  const d = start.length;
  let points = [start, ...steps.map((s, k) => start.map((x, j) => (j === k ? x + s : x)))];
  let values = [startValue, ...points.slice(1).map(f)];
  const along = (from: number[], to: number[], t: number) => from.map((x, j) => x + t * (to[j]! - x));
  while (withinBudget()) {
    const order = values.map((_, k) => k).sort((a, b) => values[a]! - values[b]!);
    points = order.map((k) => points[k]!);
    values = order.map((k) => values[k]!);
    const spread = values[d]! - values[0]!;
    const size = Math.max(...points.slice(1).flatMap((p) => p.map((x, j) => Math.abs(x - points[0]![j]!) / (1 + Math.abs(points[0]![j]!)))));
    if (spread <= valueTolerance * (1 + Math.abs(values[0]!)) && size <= pointTolerance) {
      return { argmin: points[0]!, value: values[0]!, converged: true };
    }
    const centroid = Array.from({ length: d }, (_, j) => points.slice(0, d).reduce((s, p) => s + p[j]!, 0) / d);
    const worst = points[d]!;
    const reflected = along(centroid, worst, -1);
    const fr = f(reflected);
    if (fr < values[0]!) {
      const expanded = along(centroid, worst, -2);
      const fe = f(expanded);
      [points[d], values[d]] = fe < fr ? [expanded, fe] : [reflected, fr];
      continue;
    }
    if (fr < values[d - 1]!) {
      [points[d], values[d]] = [reflected, fr];
      continue;
    }
    // contract towards the better of the worst point and its reflection
    const outside = fr < values[d]!;
    const contracted = along(centroid, worst, outside ? -0.5 : 0.5);
    const fc = f(contracted);
    if (fc < (outside ? fr : values[d]!)) {
      [points[d], values[d]] = [contracted, fc];
      continue;
    }
    for (let k = 1; k <= d; k++) {
      points[k] = along(points[0]!, points[k]!, 0.5);
      values[k] = f(points[k]!);
    }
  }
  const k = values.indexOf(Math.min(...values));
  return { argmin: points[k]!, value: values[k]!, converged: false };
}
