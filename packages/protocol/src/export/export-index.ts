/**
 * `<region>/index.txt`: the list of a region's export files that phones fetch first
 * (google/exposure-notifications-server docs/getting-started/downloading-export-batches-keys.md,
 * "Index File Structure"; internal/export writes it): one path per line, relative to the export root
 * (e.g. `VN/1700000000-1700003600-00001.zip`), oldest first, each line ended by "\n"; an empty
 * file when there are none. The key server writes it with `formatExportIndex`; phones read it
 * with `parseExportIndex`, which refuses any line that is not a plain relative `.zip` path below
 * the root (phones append it to their base URL, so `..` or an absolute URL must never pass).
 */
import { ProtocolError } from '../errors';

export const EXPORT_INDEX_FILE = 'index.txt';

/** The index's path below the export root. */
export function exportIndexPath(region: string): string {
  return `${region}/${EXPORT_INDEX_FILE}`;
}

/** The index text listing `paths` in the given order (oldest first). */
export function formatExportIndex(paths: readonly string[]): string {
  return paths.length > 0 ? `${paths.join('\n')}\n` : '';
}

const PATH_RE = /^[A-Za-z0-9_\-./]+\.zip$/;

/** The paths an index lists, in order; blank lines and CRLF endings are tolerated. */
export function parseExportIndex(text: string): string[] {
  const paths: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (
      !PATH_RE.test(line) ||
      line.startsWith('/') ||
      line.split('/').some((s) => s === '..' || s === '.' || s === '')
    ) {
      throw new ProtocolError(
        'invalid_export',
        `export index line is not a relative .zip path: "${line.slice(0, 80)}"`,
      );
    }
    paths.push(line);
  }
  return paths;
}
