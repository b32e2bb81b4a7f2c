/**
 * Colours readable with the common colour-vision deficiencies: the Okabe–Ito qualitative palette
 * (Okabe & Ito, "Color Universal Design", 2008) and a viridis-like sequential ramp.
 */

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** Order for categorical series; yellow is last because it is faint on white. */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.orange,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

export const NEUTRAL = { text: '#222222', axis: '#444444', grid: '#E6E6E6', shade: '#999999', data: '#555555' } as const;

export function categoricalColour(index: number): string {
  return CATEGORICAL[((index % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length];
}

/** One colour per condition, in the order given (so a study's conditions keep their colours in every figure). */
export function conditionColours(conditions: readonly string[]): Map<string, string> {
  return new Map(conditions.map((condition, i) => [condition, categoricalColour(i)]));
}

/** Anchors of the viridis ramp (perceptually uniform, monotone in lightness). */
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Sequential colour for t in [0, 1]; stops short of the pale yellow end so lines stay visible on white. */
export function sequentialColour(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 0.85;
  const position = clamped * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const channel = (c: number): string =>
    Math.round(VIRIDIS[i][c] + (VIRIDIS[i + 1][c] - VIRIDIS[i][c]) * f).toString(16).padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`.toUpperCase();
}
