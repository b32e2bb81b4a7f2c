import { escapeXml } from '../svg/format.js';

/** Small HTML builders; every text argument is escaped here, so callers never concatenate raw text. */

export interface Cell {
  text: string;
  className?: string;
}

export type CellInput = string | number | Cell;

function toCell(cell: CellInput): Cell {
  return typeof cell === 'object' ? cell : { text: String(cell) };
}

export function table(headers: readonly string[], rows: readonly (readonly CellInput[])[], caption?: string): string {
  const head = headers.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map(toCell).map((c) => `<td${c.className ? ` class="${escapeXml(c.className)}"` : ''}>${escapeXml(c.text)}</td>`).join('')}</tr>`)
    .join('\n');
  const captionHtml = caption ? `<caption>${escapeXml(caption)}</caption>` : '';
  return `<table>${captionHtml}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function heading(level: 2 | 3 | 4, text: string, id?: string): string {
  return `<h${level}${id ? ` id="${escapeXml(id)}"` : ''}>${escapeXml(text)}</h${level}>`;
}

export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${escapeXml(className)}"` : ''}>${escapeXml(text)}</p>`;
}

export function list(items: readonly string[]): string {
  return `<ul>${items.map((item) => `<li>${escapeXml(item)}</li>`).join('')}</ul>`;
}

/** Inline an SVG document: the HTML parser puts <svg> in the SVG namespace, so the xmlns URL is dropped. */
export function figure(svg: string, caption: string): string {
  const inline = svg.trim().replace(' xmlns="http://www.w3.org/2000/svg"', '');
  return `<figure class="plot">${inline}<figcaption>${escapeXml(caption)}</figcaption></figure>`;
}

/** A DOM-safe id fragment from arbitrary text (subject and visit ids come from the manifest). */
export function anchorId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, '_')).join('-');
}
