import type { z } from 'zod';

/** A validation problem in a user's words: where it is, and what is wrong. */
export interface ManifestProblem {
  /** JSON path of the field, e.g. subjects[0].visits[1].water; '' for the whole manifest. */
  jsonPath: string;
  problem: string;
}

type Path = readonly PropertyKey[];

export function jsonPathOf(path: Path): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** The value the manifest holds at `path`, or undefined (also when a level on the way is missing). */
function valueAt(json: unknown, path: Path): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** True when the object at the issue's parent path exists but has no such key: the field was left out. */
function isMissingField(issue: z.core.$ZodIssue, json: unknown): boolean {
  if (issue.code !== 'invalid_type' || issue.path.length === 0) return false;
  const parent = valueAt(json, issue.path.slice(0, -1));
  return typeof parent === 'object' && parent !== null && !Array.isArray(parent) && !Object.hasOwn(parent, issue.path[issue.path.length - 1]);
}

function unknownKeysAt(issues: readonly z.core.$ZodIssue[], path: Path): string[] {
  return issues.flatMap((issue) => (issue.code === 'unrecognized_keys' && samePath(issue.path, path) ? issue.keys : []));
}

function quoted(keys: string[]): string {
  return keys.map((k) => `"${k}"`).join(', ');
}

/**
 * The first problem of a failed validation, phrased for a person: a left-out required field reads "missing"
 * (not "expected number, received undefined"), and unknown keys beside it are named in the same line, since
 * a misspelt key shows up as both.
 */
export function describeManifestIssue(issues: readonly z.core.$ZodIssue[], json: unknown): ManifestProblem {
  const issue = issues[0];
  const jsonPath = jsonPathOf(issue.path);
  if (isMissingField(issue, json)) {
    const parentPath = issue.path.slice(0, -1);
    const unknown = unknownKeysAt(issues, parentPath);
    const where = parentPath.length === 0 ? 'the top level' : jsonPathOf(parentPath);
    const hint = unknown.length === 0 ? '' : ` (unknown key${unknown.length > 1 ? 's' : ''} ${quoted(unknown)} at ${where} — ${unknown.length > 1 ? 'typos' : 'a typo'}?)`;
    return { jsonPath, problem: `missing${hint}` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { jsonPath, problem: `unknown key${issue.keys.length > 1 ? 's' : ''} ${quoted(issue.keys)}` };
  }
  return { jsonPath, problem: issue.message };
}
