/**
 * The export archive phones download: a zip holding exactly export.bin and export.sig
 * ("Exposure Key Export File Format and Verification" §"Export file format"). Reading is
 * hardened against hostile archives: entry names and declared sizes are checked before
 * anything is inflated, and inflation cannot outgrow the declared size.
 */
import { type UnzipFileInfo, unzipSync, zipSync } from 'fflate';
import type { CryptoBackend } from '../crypto/backend';
import { ProtocolError } from '../errors';
import type { ExportBatch } from './export-batch';
import { decodeExportBin, encodeExportBin } from './export-encoding';
import {
  decodeExportSig,
  type ExportSignature,
  type ExportSignatureInfo,
  type ExportSigner,
  encodeExportSig,
  signatureInfoOf,
  signExportBin,
} from './export-signature';

export const EXPORT_BIN_NAME = 'export.bin';
export const EXPORT_SIG_NAME = 'export.sig';
/** 500,000 keys (the Go server's EXPORT_FILE_MAX_RECORDS default) take ~15 MB; allow 4x that. */
export const MAX_EXPORT_BIN_BYTES = 64 * 1024 * 1024;
export const MAX_EXPORT_SIG_BYTES = 1024 * 1024;
const MAX_ENTRY_BYTES: Record<string, number> = {
  [EXPORT_BIN_NAME]: MAX_EXPORT_BIN_BYTES,
  [EXPORT_SIG_NAME]: MAX_EXPORT_SIG_BYTES,
};
// Fixed entry time, so the same batch and signatures always give the same archive bytes.
const ENTRY_MTIME = new Date(2020, 0, 1);

export interface ParsedExport extends ExportBatch {
  signatureInfos: ExportSignatureInfo[];
  /** The exact bytes the signatures cover. */
  exportBin: Uint8Array;
  signatures: ExportSignature[];
}

/** Encodes the batch, signs export.bin with every signer and zips both files. */
export function createExportZip(backend: CryptoBackend, batch: ExportBatch, signers: ExportSigner[]): Uint8Array {
  if (signers.length === 0) throw new ProtocolError('invalid_argument', 'an export needs at least one signer');
  const exportBin = encodeExportBin(batch, signers.map(signatureInfoOf));
  const exportSig = encodeExportSig(signExportBin(backend, exportBin, signers, batch));
  return zipSync(
    { [EXPORT_BIN_NAME]: exportBin, [EXPORT_SIG_NAME]: exportSig },
    // Deflate as the reference server does (Go archive/zip); level 1: key bytes are random anyway.
    { level: 1, mtime: ENTRY_MTIME },
  );
}

/** Unzips and parses an export archive; throws ProtocolError('invalid_export') on any defect. */
export function readExportZip(zip: Uint8Array): ParsedExport {
  if (!(zip instanceof Uint8Array)) throw new ProtocolError('invalid_argument', 'export zip must be a Uint8Array');
  const files = unzipExport(zip);
  const exportBin = files[EXPORT_BIN_NAME];
  const exportSig = files[EXPORT_SIG_NAME];
  if (exportBin === undefined || exportSig === undefined) {
    throw new ProtocolError('invalid_export', `export zip must contain ${EXPORT_BIN_NAME} and ${EXPORT_SIG_NAME}`);
  }
  return { ...decodeExportBin(exportBin), exportBin, signatures: decodeExportSig(exportSig) };
}

function unzipExport(zip: Uint8Array): Record<string, Uint8Array> {
  const declared = new Map<string, number>();
  const filter = (file: UnzipFileInfo): boolean => {
    const max = MAX_ENTRY_BYTES[file.name];
    if (max === undefined || !Object.hasOwn(MAX_ENTRY_BYTES, file.name)) {
      throw new ProtocolError('invalid_export', `unexpected entry "${printable(file.name)}" in export zip`);
    }
    if (declared.has(file.name))
      throw new ProtocolError('invalid_export', `duplicate entry ${file.name} in export zip`);
    if (file.originalSize > max) {
      throw new ProtocolError(
        'invalid_export',
        `${file.name} declares ${file.originalSize} bytes, over the ${max} limit`,
      );
    }
    declared.set(file.name, file.originalSize);
    return true;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter });
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(
      'invalid_export',
      `not a readable zip archive: ${err instanceof Error ? err.message : err}`,
      {
        cause: err,
      },
    );
  }
  // A lying header (inflated or stored data shorter or longer than declared) means a damaged archive.
  for (const [name, size] of declared) {
    const data = files[name];
    if (data === undefined || data.length !== size) {
      throw new ProtocolError('invalid_export', `${name} is truncated or damaged (declared ${size} bytes)`);
    }
  }
  return files;
}

function printable(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}
