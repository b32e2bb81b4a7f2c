/** Declarative description of a plot: figures are data, rendering is one pure function. */

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export interface AxisSpec {
  /** Quantity and unit, e.g. "Time from infusion start (min)". */
  label: string;
  /** Forced limits; otherwise the domain is the data rounded out to nice ticks. */
  min?: number;
  max?: number;
  /** High values on the left/bottom (the ppm axis of spectra). */
  reversed?: boolean;
  /** Keep 0 inside the domain (for % change axes). */
  includeZero?: boolean;
  /** Spectra have arbitrary intensity units: draw the axis without numbers. */
  hideTickLabels?: boolean;
  tickCount?: number;
}

export interface Series {
  /** Shown in the legend when present. */
  label?: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  colour: string;
  /** Omit for markers only. Non-finite points break the line. */
  line?: { widthPx?: number; dash?: string; opacity?: number };
  /** Omit for a line only. `hollow[i]` draws point i open (e.g. a flagged window). */
  marker?: { shape: MarkerShape; sizePx?: number; hollow?: ArrayLike<boolean> };
  /** Symmetric error bars (± this value). */
  yErr?: ArrayLike<number>;
}

/** A filled region between two curves, e.g. a confidence band. */
export interface Band {
  label?: string;
  x: ArrayLike<number>;
  low: ArrayLike<number>;
  high: ArrayLike<number>;
  colour: string;
  opacity?: number;
}

/** A shaded x interval across the whole plot, e.g. the infusion. */
export interface ShadedInterval {
  from: number;
  to: number;
  label?: string;
}

export interface ReferenceLine {
  axis: 'x' | 'y';
  value: number;
  dash?: string;
}

/** Text placed at data coordinates, offset in pixels. */
export interface TextLabel {
  x: number;
  y: number;
  text: string;
  colour?: string;
  anchor?: 'start' | 'middle' | 'end';
  dxPx?: number;
  dyPx?: number;
}

export interface PanelSpec {
  title?: string;
  x: AxisSpec;
  y: AxisSpec;
  series: Series[];
  bands?: Band[];
  shaded?: ShadedInterval[];
  referenceLines?: ReferenceLine[];
  labels?: TextLabel[];
  /** A short line of statistics in the plot's top-left corner. */
  note?: string;
}

export interface LegendEntry {
  label: string;
  colour: string;
  kind: 'line' | 'marker' | 'lineMarker' | 'band';
  shape?: MarkerShape;
  dash?: string;
}

export interface FigureSpec {
  title?: string;
  subtitle?: string;
  /** Small multiples, laid out row by row. */
  panels: PanelSpec[];
  columns?: number;
  panelWidthPx?: number;
  panelHeightPx?: number;
  /** Defaults to the labelled series and bands of all panels, first occurrence of each label. */
  legend?: LegendEntry[];
  /** One y domain for all panels so their heights compare directly. */
  sharedY?: boolean;
  /** One x domain for all panels, so time axes line up between panels and rows. */
  sharedX?: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
