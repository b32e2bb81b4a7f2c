/**
 * Continuous distributions used by the study statistics: normal, Student t, F and chi-square CDFs, upper tails
 * and quantiles. Everything reduces to the regularised incomplete beta and gamma functions, evaluated by
 * series and continued fractions to ~1e-14 relative accuracy; quantiles invert the CDF by safeguarded Newton.
 */

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 100_000;

/** ln Γ(x) for x > 0: shift up by recurrence to x ≥ 10, then the Stirling series (error < 1e-16 there). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shiftLog = 0;
  let z = x;
  let product = 1;
  while (z < 10) {
    product *= z;
    z += 1;
    // keep the running product in range for tiny x
    if (product > 1e280 || product < 1e-280) {
      shiftLog += Math.log(product);
      product = 1;
    }
  }
  shiftLog += Math.log(product);
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shiftLog;
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // the continued fraction converges fast only below the mean; use the symmetry above it
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBetaFraction(1 - x, b, a);
  return incompleteBetaFraction(x, a, b);
}

/** Upper tail 1 − I_x(a, b), computed without cancellation. */
export function incompleteBetaUpper(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  return incompleteBeta(1 - x, b, a);
}

/** x^a (1−x)^b / (a B(a,b)) times the continued fraction for I_x(a, b) (Lentz's method). */
function incompleteBetaFraction(x: number, a: number, b: number): number {
  const logPrefactor = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b) - Math.log(a);
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m < MAX_ITER; m++) {
    // even step: m (b − m) x / ((a + 2m − 1)(a + 2m))
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 + even * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + even / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    // odd step: −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + odd * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + odd / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logPrefactor) * fraction;
}

/** Regularised lower incomplete gamma P(a, x). */
export function incompleteGammaLower(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed without cancellation. */
export function incompleteGammaUpper(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x);
}

/** P(a, x) by its power series, for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction (Lentz's method), for x ≥ a + 1. */
function gammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let n = 1; n < MAX_ITER; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * fraction;
}

// ---------------------------------------------------------------- normal

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  // Φ(z) = ½ Q(½, z²/2) for z < 0; accurate far into both tails
  const halfTail = 0.5 * incompleteGammaUpper(0.5, 0.5 * z * z);
  return z < 0 ? halfTail : 1 - halfTail;
}

export function normalSf(z: number): number {
  return normalCdf(-z);
}

export function normalQuantile(p: number): number {
  return invertCdf(p, normalCdf, normalSf, normalPdf, -Infinity, 0);
}

// ---------------------------------------------------------------- Student t

export function studentTPdf(t: number, df: number): number {
  if (df === Infinity) return normalPdf(t);
  return Math.exp(
    logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

export function studentTCdf(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); for small |t| the complement avoids cancellation
  const t2 = t * t;
  const halfTail =
    t2 < df
      ? 0.5 * incompleteBetaUpper(t2 / (df + t2), 0.5, df / 2)
      : 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5);
  return t < 0 ? halfTail : 1 - halfTail;
}

export function studentTSf(t: number, df: number): number {
  return studentTCdf(-t, df);
}

/** Two-sided p-value P(|T| ≥ |t|). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return NaN;
  return Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
}

export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0)) return NaN;
  if (df === Infinity) return normalQuantile(p);
  return invertCdf(
    p,
    (t) => studentTCdf(t, df),
    (t) => studentTSf(t, df),
    (t) => studentTPdf(t, df),
    -Infinity,
    0,
  );
}

// ---------------------------------------------------------------- F

export function fPdf(x: number, d1: number, d2: number): number {
  if (x < 0) return 0;
  if (x === 0) return d1 < 2 ? Infinity : d1 === 2 ? 1 : 0;
  const logDensity =
    0.5 * d1 * Math.log(d1 / d2) +
    (0.5 * d1 - 1) * Math.log(x) -
    0.5 * (d1 + d2) * Math.log1p((d1 * x) / d2) -
    logBeta(d1 / 2, d2 / 2);
  return Math.exp(logDensity);
}

export function fCdf(x: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (d2 === Infinity) return chiSquareCdf(x * d1, d1);
  return incompleteBeta((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2);
}

/** Upper tail P(F > x): the p-value of an F test. */
export function fSf(x: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (d2 === Infinity) return chiSquareSf(x * d1, d1);
  return incompleteBeta(d2 / (d2 + d1 * x), d2 / 2, d1 / 2);
}

export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0)) return NaN;
  return invertCdf(
    p,
    (x) => fCdf(x, d1, d2),
    (x) => fSf(x, d1, d2),
    (x) => fPdf(x, d1, d2),
    0,
    1,
  );
}

// ---------------------------------------------------------------- chi-square

export function chiSquarePdf(x: number, k: number): number {
  if (x < 0) return 0;
  if (x === 0) return k < 2 ? Infinity : k === 2 ? 0.5 : 0;
  return Math.exp((k / 2 - 1) * Math.log(x) - x / 2 - (k / 2) * Math.LN2 - logGamma(k / 2));
}

export function chiSquareCdf(x: number, k: number): number {
  if (!(k > 0) || Number.isNaN(x)) return NaN;
  return incompleteGammaLower(k / 2, x / 2);
}

export function chiSquareSf(x: number, k: number): number {
  if (!(k > 0) || Number.isNaN(x)) return NaN;
  return incompleteGammaUpper(k / 2, x / 2);
}

export function chiSquareQuantile(p: number, k: number): number {
  if (!(k > 0)) return NaN;
  return invertCdf(
    p,
    (x) => chiSquareCdf(x, k),
    (x) => chiSquareSf(x, k),
    (x) => chiSquarePdf(x, k),
    0,
    Math.max(1, k),
  );
}

// ---------------------------------------------------------------- inversion

/**
 * Solve cdf(x) = p. Works on whichever tail is smaller so that quantiles near 1 keep their precision;
 * Newton steps from the density, falling back to bisection whenever a step leaves the bracket.
 */
function invertCdf(
  p: number,
  cdf: (x: number) => number,
  sf: (x: number) => number,
  pdf: (x: number) => number,
  lowerSupport: number,
  start: number,
): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return lowerSupport;
  if (p === 1) return Infinity;
  const useUpper = p > 0.5;
  const q = 1 - p;
  // g is increasing in x and zero at the quantile
  const g = useUpper ? (x: number) => q - sf(x) : (x: number) => cdf(x) - p;

  let lo: number;
  let hi: number;
  let x = start;
  if (g(x) < 0) {
    lo = x;
    hi = x === 0 ? 1 : x + Math.abs(x);
    while (g(hi) < 0) {
      lo = hi;
      hi *= 2;
    }
  } else {
    hi = x;
    if (lowerSupport === 0) {
      lo = 0;
    } else {
      lo = x === 0 ? -1 : x - Math.abs(x);
      while (g(lo) > 0) {
        hi = lo;
        lo *= 2;
      }
    }
  }
  x = 0.5 * (lo + hi);
  for (let iter = 0; iter < 400; iter++) {
    const value = g(x);
    if (value === 0) return x;
    if (value < 0) lo = x;
    else hi = x;
    const density = pdf(x);
    let next = density > 0 && Number.isFinite(density) ? x - value / density : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.max(1e-300, Math.abs(x)) || hi - lo <= 1e-15 * Math.abs(hi)) return next;
    x = next;
  }
  return x;
}
