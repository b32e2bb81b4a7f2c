import { svgToPng } from '../src/report/png.js';

export interface PngTask {
  svgs: string[];
}

/** Rasterises a batch of figures with the bundled fonts. */
export default function renderPngs(task: PngTask): Uint8Array[] {
  return task.svgs.map((svg) => svgToPng(svg));
}
