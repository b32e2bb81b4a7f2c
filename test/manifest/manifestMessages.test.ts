import { describe, expect, it } from 'vitest';
import { parseStudyManifest, type StudyManifestInput } from '../../src/manifest/studyManifest.js';
import { ManifestError } from '../../src/util/errors.js';

function manifest(): Record<string, any> {
  const valid: StudyManifestInput = {
    name: 'messages',
    infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: 40 },
    analysis: { model: 'lcm', windowTransients: 24, stepTransients: 3, baselineMin: [-10, 0], reference: 'tNAA' },
    subjects: [{ id: 's1', sex: 'F', visits: [{ id: 'v1', condition: 'placebo', metabolite: 'a.nii.gz', infusionStartMin: 10 }] }],
  };
  return structuredClone(valid) as Record<string, any>;
}

function messageFor(edit: (m: Record<string, any>) => void): string {
  const m = manifest();
  edit(m);
  try {
    parseStudyManifest(m, 'study.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as Error).message;
  }
  throw new Error('manifest passed validation');
}

describe('manifest messages', () => {
  it('a misspelt required key reads as missing, with the unknown key beside it', () => {
    expect(messageFor((m) => {
      m.analysis.windowTransient = m.analysis.windowTransients;
      delete m.analysis.windowTransients;
    })).toBe('study.json: analysis.windowTransients: missing (unknown key "windowTransient" at analysis — a typo?)');
  });

  it('the same at the top level', () => {
    expect(messageFor((m) => {
      m.subject = m.subjects;
      delete m.subjects;
    })).toBe('study.json: subjects: missing (unknown key "subject" at the top level — a typo?)');
  });

  it('a left-out field without a stray key is just missing', () => {
    expect(messageFor((m) => delete m.subjects[0].visits[0].metabolite)).toBe('study.json: subjects[0].visits[0].metabolite: missing');
  });

  it('an unknown key alone is named, and a wrong type keeps its own message', () => {
    expect(messageFor((m) => (m.subjects[0].visits[0].watr = 'w.nii.gz'))).toBe('study.json: subjects[0].visits[0]: unknown key "watr"');
    expect(messageFor((m) => (m.analysis.windowTransients = '24'))).toMatch(/^study\.json: analysis\.windowTransients: .*expected number, received string/);
  });
});
