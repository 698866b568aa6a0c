/**
 * Where the bulky evaluation data lives. It is not copied into the repo: it sits in
 * `../shared/testdata/` next to the checkout (on developer machines and on CI), and an env var
 * or a `--data` flag can point elsewhere.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SimError } from './sim-error';

export const MIT_MATRIX_ENV = 'BLUEZONE_MIT_MATRIX';

/** `<repo>/../shared/testdata/mit-matrix/mit-matrix-data.tar.gz`, from this file's location. */
export const DEFAULT_MIT_MATRIX_PATH = fileURLToPath(
  new URL('../../../../shared/testdata/mit-matrix/mit-matrix-data.tar.gz', import.meta.url),
);

/** The MIT Matrix archive path: explicit flag, then env var, then the shared default. */
export function mitMatrixPath(explicit?: string, env: Record<string, string | undefined> = process.env): string {
  return explicit ?? env[MIT_MATRIX_ENV] ?? DEFAULT_MIT_MATRIX_PATH;
}

/** Throws a `data_missing` error naming the path and how to point elsewhere. */
export function requireMitMatrix(path: string): string {
  if (!existsSync(path)) {
    throw new SimError(
      'data_missing',
      `MIT Matrix BLE data not found at ${path}; put mit-matrix-data.tar.gz in ../shared/testdata/mit-matrix/ ` +
        `or pass --data FILE (or set ${MIT_MATRIX_ENV})`,
    );
  }
  return path;
}

/**
 * Google's EN device calibration list: the protocol package's product copy, found through its
 * `@bluezone/protocol/en-calibration.csv` export as the key server finds it.
 */
export const EN_CALIBRATION_PATH = createRequire(import.meta.url).resolve('@bluezone/protocol/en-calibration.csv');
