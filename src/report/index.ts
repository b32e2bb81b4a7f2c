/** Public surface of the report stage: pure functions from results to SVG, PNG and HTML. */
export { renderReportHtml } from './renderReportHtml.js';
export { DEFAULT_CRLB_METABOLITES, type ReportInput, type SessionReportExtras, type FailedSession, type QcThresholds } from './reportInput.js';
export type { SessionQcTrace } from './qcTrace.js';
export { renderFigureFiles, fileStem, type FigureFile, type FigureFilesInput } from './figureFiles.js';
export { svgToPng, type PngOptions } from './png.js';
export { visitResponseFigure } from './figures/visitResponse.js';
export { subjectOverlayFigure } from './figures/subjectOverlay.js';
export { groupMeansFigure } from './figures/groupMeans.js';
export { spaghettiFigure } from './figures/spaghetti.js';
export { madrsScatterFigure } from './figures/madrsScatter.js';
export { qcTraceFigure } from './figures/qcTraces.js';
export { spectrumFitFigure } from './figures/spectrumFit.js';
export { stackedSpectraFigure, type StackedSpectrum } from './figures/stackedSpectra.js';
