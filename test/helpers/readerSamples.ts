import { readFileSync } from 'node:fs';
import { readDicomMrs } from '../../src/io/dicomMrs.js';
import { readFslJsonBasisFile } from '../../src/io/fslJsonBasis.js';
import { readGePfile } from '../../src/io/gePfile.js';
import { readJmruiText } from '../../src/io/jmruiText.js';
import { readLcmodelBasis } from '../../src/io/lcmodelBasis.js';
import { readLcmodelRaw } from '../../src/io/lcmodelRaw.js';
import { readPhilipsSdat } from '../../src/io/philipsSdat.js';
import { readPlainText } from '../../src/io/plainText.js';
import { readSiemensRda } from '../../src/io/siemensRda.js';
import { readSiemensTwix } from '../../src/io/siemensTwix.js';

export type Reader = (bytes: Uint8Array, name: string) => unknown;

/** Bytes of a file under ../shared/mrs-data. */
export function sharedData(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../shared/mrs-data/${relative}`, import.meta.url)));
}

export const SPAR_SAMPLE = 'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SPAR';
export const SDAT_SAMPLE = 'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT';
/** The 7T sLASER text exports have no header: dwell time and frequency are supplied. */
export const TEXT_GRID = { dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 297.2 };

/** Each vendor reader (NIfTI-MRS aside) with a valid real sample file, a path under ../shared/mrs-data. */
export function vendorReaderSamples(): [string, Reader, string][] {
  const spar = sharedData(SPAR_SAMPLE);
  return [
    ['siemens rda', readSiemensRda, 'siemens-rda/suspect_SVS_30.rda'],
    ['dicom (CSA)', readDicomMrs, 'siemens-dicom/suspect_SVS_30.IMA'],
    ['dicom (standard)', readDicomMrs, 'siemens-dicom/suspect_SVS_XA60.dcm'],
    ['philips sdat', (b, n) => readPhilipsSdat(b, spar, n), SDAT_SAMPLE],
    ['siemens twix', readSiemensTwix, 'siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat'],
    ['ge p-file', readGePfile, 'ge-pfile/tarquin_1.5T_probe-p_TE30_series/P1751_1.5T_030_2000.7'],
    ['jmrui text', readJmruiText, 'jmrui-text/s2n-7T-slaser_metab_jmrui.txt'],
    ['lcmodel raw', (b, n) => readLcmodelRaw(b, n, TEXT_GRID), 'lcmodel-raw/s2n-7T-slaser_metab.RAW'],
    ['plain text', (b, n) => readPlainText(b, n, TEXT_GRID), 'plain-text/s2n-7T-slaser_metab.txt'],
    ['lcmodel basis', readLcmodelBasis, 'basis/lcmodel/lcmodel_test_3t.basis'],
    ['fsl json basis', readFslJsonBasisFile, 'basis/fsl-json/spant_slaser_TE28_123MHz/NAA.json'],
  ];
}
