/**
 * Google's EN device calibration list as the server serves it to phones
 * (`GET /api/configuration/calibration`): read and parsed once when the server starts, so a
 * missing or malformed file stops the server naming EN_CALIBRATION_FILE instead of handing phones
 * a list they cannot use. Phones download the whole list and look up their own model on the
 * phone: no request says which phone asks. ~340 KB of CSV, so it goes compressed (once per
 * encoding, at the highest level, and kept) with a strong ETag per encoding, as static files do.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseCalibrationCsv } from '@bluezone/protocol';
import { type ContentEncoding, compress } from '../http/compression';
import { ServerError } from '../http/server-error';

export interface CalibrationList {
  /** The file's bytes, as served uncompressed. */
  bytes: Uint8Array<ArrayBuffer>;
  /** The same as text: what the signatures cover. */
  text: string;
  /** The ETag of the list sent in `encoding` (undefined: uncompressed). */
  etag(encoding: ContentEncoding | undefined): string;
  /** The list compressed in `encoding`, done on first use and kept. */
  encoded(encoding: ContentEncoding): Promise<Uint8Array<ArrayBuffer>>;
}

export function loadCalibrationList(file: string): CalibrationList {
  const refuse = (why: string) => new ServerError('invalid_config', 500, `EN_CALIBRATION_FILE ${file}: ${why}`);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    throw refuse((err as Error).message);
  }
  const text = new TextDecoder().decode(bytes);
  try {
    parseCalibrationCsv(text);
  } catch (err) {
    throw refuse((err as Error).message);
  }
  const digest = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
  const compressed = new Map<ContentEncoding, Promise<Uint8Array<ArrayBuffer>>>();
  return {
    bytes,
    text,
    etag: (encoding) => `"${digest}${encoding ? `-${encoding}` : ''}"`,
    encoded(encoding) {
      let body = compressed.get(encoding);
      if (!body) {
        body = compress(bytes, encoding, 'max');
        body.catch(() => compressed.delete(encoding));
        compressed.set(encoding, body);
      }
      return body;
    },
  };
}
