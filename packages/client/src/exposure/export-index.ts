/**
 * The key server's export index (google/exposure-notifications-server, "How to download keys":
 * `index.txt` lists the export files of a region, one path per line, oldest first). Paths are
 * relative to the export root, e.g. `VN/1700000000-1700003600-00001.zip`. Validated here, at the
 * boundary: a line that is not a plain relative `.zip` path below the root is refused.
 */
import { ClientError } from '../client-error';

const PATH_RE = /^[A-Za-z0-9_\-./]+\.zip$/;

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
      throw new ClientError(
        'invalid_response',
        `export index line is not a relative .zip path: "${line.slice(0, 80)}"`,
      );
    }
    paths.push(line);
  }
  return paths;
}
