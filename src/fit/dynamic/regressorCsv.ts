import { InputFileError } from '../../util/errors.js';
import type { DesignRegressor } from './designMatrix.js';

/**
 * User regressors from CSV text: a header row of regressor names, then one row of numbers per stored
 * transient (in acquisition order). Comma-separated; blank lines and surrounding spaces are ignored.
 * `name` (the file) appears in the one-line error for bad input.
 */
export function parseRegressorCsv(text: string, name: string): DesignRegressor[] {
  const lines = text
    .split(/\r?\n/)
    .map((line, index) => ({ cells: line.split(',').map((cell) => cell.trim()), lineNumber: index + 1 }))
    .filter(({ cells }) => cells.some((cell) => cell !== ''));
  if (lines.length === 0) throw new InputFileError(name, 'regressor CSV is empty');
  const header = lines[0].cells;
  header.forEach((column, k) => {
    if (column === '') throw new InputFileError(name, `header column ${k + 1} has no name`);
    if (/^-?[\d.]+(e[-+]?\d+)?$/i.test(column)) throw new InputFileError(name, `header column ${k + 1} is a number ("${column}"); the first row must name the regressors`);
    if (header.indexOf(column) !== k) throw new InputFileError(name, `regressor "${column}" appears twice in the header`);
  });
  const rows = lines.slice(1);
  if (rows.length === 0) throw new InputFileError(name, 'regressor CSV has a header but no values');
  const values = header.map(() => new Float64Array(rows.length));
  rows.forEach(({ cells, lineNumber }, r) => {
    if (cells.length !== header.length) {
      throw new InputFileError(name, `line ${lineNumber} has ${cells.length} values, the header names ${header.length}`);
    }
    cells.forEach((cell, k) => {
      const value = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(value)) throw new InputFileError(name, `line ${lineNumber}, column "${header[k]}": "${cell}" is not a number`);
      values[k][r] = value;
    });
  });
  return header.map((column, k) => ({ name: column, values: values[k] }));
}
