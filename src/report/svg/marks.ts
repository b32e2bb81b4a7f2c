import { escapeXml, fmt } from './format.js';
import type { MarkerShape } from './types.js';

/** SVG fragments for single marks; every function returns a string. */

/** A polyline path; non-finite points start a new segment instead of drawing through the gap. */
export function polylinePath(points: readonly [number, number][]): string {
  let d = '';
  let penDown = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      penDown = false;
      continue;
    }
    d += `${penDown ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`;
    penDown = true;
  }
  return d;
}

export function marker(shape: MarkerShape, x: number, y: number, sizePx: number, colour: string, hollow: boolean): string {
  const r = sizePx / 2;
  const fill = hollow ? '#FFFFFF' : colour;
  const paint = `fill="${fill}" stroke="${colour}" stroke-width="1.3"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" ${paint}/>`;
    case 'square':
      return `<rect x="${fmt(x - r * 0.9)}" y="${fmt(y - r * 0.9)}" width="${fmt(r * 1.8)}" height="${fmt(r * 1.8)}" ${paint}/>`;
    case 'triangle':
      return `<path d="M${fmt(x)} ${fmt(y - r * 1.15)}L${fmt(x + r)} ${fmt(y + r * 0.7)}L${fmt(x - r)} ${fmt(y + r * 0.7)}Z" ${paint}/>`;
    case 'diamond':
      return `<path d="M${fmt(x)} ${fmt(y - r * 1.2)}L${fmt(x + r)} ${fmt(y)}L${fmt(x)} ${fmt(y + r * 1.2)}L${fmt(x - r)} ${fmt(y)}Z" ${paint}/>`;
    case 'cross':
      return `<path d="M${fmt(x - r)} ${fmt(y - r)}L${fmt(x + r)} ${fmt(y + r)}M${fmt(x - r)} ${fmt(y + r)}L${fmt(x + r)} ${fmt(y - r)}" fill="none" stroke="${colour}" stroke-width="1.6"/>`;
  }
}

export function lineElement(x1: number, y1: number, x2: number, y2: number, stroke: string, widthPx: number, dash?: string): string {
  const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}" stroke="${stroke}" stroke-width="${fmt(widthPx)}"${dashAttr}/>`;
}

export interface TextOptions {
  sizePx: number;
  anchor?: 'start' | 'middle' | 'end';
  colour?: string;
  bold?: boolean;
  /** Rotation in degrees about the anchor point. */
  rotateDeg?: number;
  /** Vertical nudge in em, e.g. 0.35 to centre text on y. */
  dyEm?: number;
  /** A white outline behind the glyphs, so text stays readable over data. */
  halo?: boolean;
}

export function textElement(x: number, y: number, text: string, options: TextOptions): string {
  const attrs = [
    options.rotateDeg ? `transform="translate(${fmt(x)} ${fmt(y)}) rotate(${fmt(options.rotateDeg)})"` : `x="${fmt(x)}" y="${fmt(y)}"`,
    options.dyEm ? `dy="${fmt(options.dyEm)}em"` : '',
    `font-size="${fmt(options.sizePx)}"`,
    options.anchor && options.anchor !== 'start' ? `text-anchor="${options.anchor}"` : '',
    options.bold ? 'font-weight="700"' : '',
    `fill="${options.colour ?? '#222222'}"`,
    options.halo ? 'stroke="#FFFFFF" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(text)}</text>`;
}

/** Rough width of a text run in Noto Sans; only used to lay out legends and avoid overlaps. */
export function estimateTextWidthPx(text: string, sizePx: number): number {
  return [...text].length * sizePx * 0.58;
}

/** Greedy word wrap to lines no wider than `widthPx` (a single over-long word keeps its own line). */
export function wrapText(text: string, sizePx: number, widthPx: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && estimateTextWidthPx(candidate, sizePx) > widthPx) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
