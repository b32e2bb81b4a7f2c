/** Approximate boxes of the unrotated text in a generated SVG, to check figure layout without a browser. */

export interface TextBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const TEXT = /<text ([^>]*)>([^<]*)<\/text>/g;

function attribute(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^| )${name}="([^"]*)"`).exec(attrs)?.[1];
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Boxes of every <text> without a transform; width from the renderer's own estimate (0.58 em a character). */
export function textBoxes(svg: string): TextBox[] {
  const boxes: TextBox[] = [];
  for (const [, attrs, raw] of svg.matchAll(TEXT)) {
    if (attribute(attrs, 'transform')) continue;
    const size = Number(attribute(attrs, 'font-size'));
    const x = Number(attribute(attrs, 'x'));
    const dy = Number((attribute(attrs, 'dy') ?? '0em').replace('em', '')) * size;
    const baseline = Number(attribute(attrs, 'y')) + dy;
    const text = unescape(raw);
    const width = [...text].length * size * 0.58;
    const anchor = attribute(attrs, 'text-anchor') ?? 'start';
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    boxes.push({ text, left, right: left + width, top: baseline - 0.75 * size, bottom: baseline + 0.2 * size });
  }
  return boxes;
}

/** Pairs of boxes that overlap by more than a pixel each way. */
export function overlappingPairs(boxes: readonly TextBox[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) pairs.push([a.text, b.text]);
    }
  }
  return pairs;
}

/** The plot frames of a figure: each panel's y axis line runs from the plot's top to its bottom. */
export function plotTops(svg: string): number[] {
  return svg.split('<g class="panel">').slice(1).map((panel) => {
    const axes = [...panel.matchAll(/<line x1="([\d.]+)" y1="([\d.]+)" x2="\1" y2="([\d.]+)" stroke="#444444" stroke-width="1"\/>/g)];
    // The y axis is the longest solid vertical line; tick marks are 4 px long.
    const yAxis = axes.reduce((a, b) => (Math.abs(Number(b[3]) - Number(b[2])) > Math.abs(Number(a[3]) - Number(a[2])) ? b : a));
    return Math.min(Number(yAxis[2]), Number(yAxis[3]));
  });
}
