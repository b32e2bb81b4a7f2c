import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputFileError, ManifestError } from '../util/errors.js';
import { describeManifestIssue } from './manifestIssue.js';

const minutes = z.number().finite();

const visitSchema = z.object({
  id: z.string().min(1),
  condition: z.string().min(1),
  metabolite: z.string().min(1),
  water: z.string().min(1).optional(),
  infusionStartMin: minutes.nonnegative(),
  madrs: z.object({ baseline: z.number().nonnegative(), h24: z.number().nonnegative() }).strict().optional(),
  /** Dynamic model only: CSV of extra regressors, a header of names and one row per stored transient. */
  regressors: z.string().min(1).optional(),
}).strict();

/** The temporal model of `analysis.model: "dynamic"` (regressors in minutes from infusion start). */
const dynamicSchema = z.object({
  infusionShape: z.enum(['box', 'ramp', 'saturating']).default('saturating'),
  riseMin: z.number().positive().optional(),
  postInfusion: z.enum(['box', 'decay', 'none']).default('decay'),
  decayMin: z.number().positive().optional(),
  drift: z.boolean().default(false),
  /** Let frequency and linewidth follow the design too, so a BOLD-like narrowing does not leak into amplitudes. */
  timeVaryingLineshape: z.boolean().default(true),
}).strict();

const subjectSchema = z.object({
  id: z.string().min(1),
  sex: z.enum(['M', 'F']),
  arm: z.string().min(1).optional(),
  visits: z.array(visitSchema).min(1),
}).strict();

export const studyManifestSchema = z.object({
  name: z.string().min(1),
  infusion: z.object({
    drug: z.string().min(1),
    doseMgPerKg: z.number().positive(),
    durationMin: z.number().positive(),
  }).strict(),
  analysis: z.object({
    model: z.enum(['peaks', 'lcm', 'dynamic']),
    basis: z.string().min(1).optional(),
    /** Sequence to simulate the basis for when no basis file is given; default: each metabolite file's header. */
    sequence: z.enum(['press', 'steam', 'slaser', 'pulse-acquire']).optional(),
    windowTransients: z.number().int().positive(),
    stepTransients: z.number().int().positive(),
    baselineMin: z.tuple([minutes, minutes])
      .refine(([a, b]) => a < b, 'baselineMin must be [from, to] with from < to')
      .refine(([, b]) => b <= 0, 'baselineMin must end at or before the infusion start (0 min): the baseline is the pre-infusion level'),
    reference: z.enum(['tNAA', 'tCr']),
    /** Numerator of the outcome ratio: Glx (Glu + Gln, the default) or Glu alone (e.g. at 7T, where Glu and Gln separate). */
    outcome: z.enum(['Glx', 'Glu']).default('Glx'),
    referenceCondition: z.string().min(1).default('placebo'),
    /** Klose eddy-current correction of every transient with the visit's water reference, when there is one. */
    eddyCurrentCorrection: z.boolean().default(true),
    /**
     * Reference deconvolution of every transient's lineshape with the visit's water reference, in place of the
     * eddy-current correction. Off by default: it did not lower the residual on Philips in vivo data.
     */
    referenceDeconvolution: z.boolean().default(false),
    /** HLSVD removal of residual water (4.5–4.9 ppm) from every transient after alignment. */
    residualWaterRemoval: z.boolean().default(true),
    dynamic: dynamicSchema.prefault({}),
    /**
     * Quality limits of a session (average spectrum's SNR and NAA FWHM, median window CRLB of the outcome's parts);
     * the report flags sessions outside them, and with `excludeFailing` the study statistics leave them out.
     * The FWHM limit is in ppm so it suits every field: 0.08 ppm is 9.9 Hz at 123.2 MHz, 24 Hz at 7T.
     */
    qc: z.object({
      minSnr: z.number().nonnegative().default(20),
      maxFwhmPpm: z.number().positive().default(0.08),
      maxCrlbPercent: z.number().positive().default(20),
      excludeFailing: z.boolean().default(false),
    }).strict().prefault({}),
    /** Width of the time bins the study statistics and group curves average the windows' % change in. */
    timeBinMin: z.number().positive().default(5),
    /** Random intercepts of the study mixed model: per subject, or per subject and per session within it. */
    randomEffects: z.enum(['subject', 'subject+session']).default('subject+session'),
  }).strict(),
  subjects: z.array(subjectSchema).min(1),
}).strict().superRefine((manifest, ctx) => {
  const seen = new Set<string>();
  manifest.subjects.forEach((subject, i) => {
    if (seen.has(subject.id)) ctx.addIssue({ code: 'custom', path: ['subjects', i, 'id'], message: `duplicate subject id "${subject.id}"` });
    seen.add(subject.id);
    const visits = new Set<string>();
    subject.visits.forEach((visit, j) => {
      if (visits.has(visit.id)) ctx.addIssue({ code: 'custom', path: ['subjects', i, 'visits', j, 'id'], message: `duplicate visit id "${visit.id}"` });
      visits.add(visit.id);
    });
  });
});

export type StudyManifest = z.infer<typeof studyManifestSchema>;
/** A manifest as written to a file: fields with defaults may be left out. */
export type StudyManifestInput = z.input<typeof studyManifestSchema>;
export type ManifestSubject = StudyManifest['subjects'][number];
export type ManifestVisit = ManifestSubject['visits'][number];

/** A validated manifest as written, with the folder its relative paths are relative to. */
export interface LoadedManifest {
  path: string;
  manifest: StudyManifest;
  /** Absolute path of a file the manifest names (relative paths are relative to the manifest's folder). */
  resolvePath: (relative: string) => string;
}

/** Validate parsed JSON; the first problem becomes a ManifestError naming its JSON path. */
export function parseStudyManifest(json: unknown, file: string): StudyManifest {
  const parsed = studyManifestSchema.safeParse(json);
  if (!parsed.success) {
    const { jsonPath, problem } = describeManifestIssue(parsed.error.issues, json);
    throw new ManifestError(file, jsonPath, problem);
  }
  return parsed.data;
}

export function loadStudyManifest(path: string): LoadedManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a manifest file' : code === 'EACCES' ? 'permission denied' : (code ?? 'read error');
    throw new InputFileError(path, `cannot read manifest: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the offending text, which may span lines; the message must stay one line.
    throw new ManifestError(path, '', `not valid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`);
  }
  const manifest = parseStudyManifest(json, path);
  const base = dirname(resolve(path));
  return { path: resolve(path), manifest, resolvePath: (relative) => resolve(base, relative) };
}
