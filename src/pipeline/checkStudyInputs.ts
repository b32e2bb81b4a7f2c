import { readBasis } from '../io/readBasis.js';
import type { LoadedManifest } from '../manifest/studyManifest.js';
import { InputFileError, ManifestError } from '../util/errors.js';

/**
 * Checks the inputs every session shares before any session starts, so a wrong study-level path stops the
 * run at once with one line naming the manifest field, instead of failing each session in turn.
 */
export function checkStudyInputs({ path, manifest, resolvePath }: LoadedManifest): void {
  const { basis } = manifest.analysis;
  if (basis === undefined) return;
  try {
    readBasis(resolvePath(basis));
  } catch (error) {
    const problem = error instanceof InputFileError ? error.message : `${resolvePath(basis)}: ${(error as Error).message.split('\n')[0]}`;
    throw new ManifestError(path, 'analysis.basis', problem);
  }
}
