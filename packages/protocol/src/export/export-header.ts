/**
 * The fixed header that opens every export.bin. "Exposure Key Export File Format and
 * Verification" (Google/Apple, 2020) §"export.bin": 16 bytes, "EK Export v1" right-padded
 * with spaces, followed by the TemporaryExposureKeyExport protobuf.
 */
import { utf8 } from '../bytes';

export const EXPORT_HEADER = 'EK Export v1    ';
export const EXPORT_HEADER_BYTES: Uint8Array = utf8.encode(EXPORT_HEADER);
export const EXPORT_HEADER_LENGTH = 16;

export function hasExportHeader(bin: Uint8Array): boolean {
  if (bin.length < EXPORT_HEADER_LENGTH) return false;
  for (let i = 0; i < EXPORT_HEADER_LENGTH; i++) if (bin[i] !== EXPORT_HEADER_BYTES[i]) return false;
  return true;
}
