// index.txt, as the key server writes it and phones read it (google/exposure-notifications-server
// "How to download keys", Index File Structure): relative .zip paths, one per line, oldest first.
import { EXPORT_INDEX_FILE, exportIndexPath, formatExportIndex, parseExportIndex } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';

describe('export index', () => {
  it('lives at <region>/index.txt', () => {
    expect(EXPORT_INDEX_FILE).toBe('index.txt');
    expect(exportIndexPath('VN')).toBe('VN/index.txt');
  });

  it('writes one path per line, each ended by a newline, and nothing for no files', () => {
    expect(formatExportIndex(['VN/1-2-00001.zip', 'VN/1-2-00002.zip'])).toBe('VN/1-2-00001.zip\nVN/1-2-00002.zip\n');
    expect(formatExportIndex([])).toBe('');
    const paths = ['VN/1700000000-1700003600-00001.zip', 'VN/1700003600-1700007200-00001.zip'];
    expect(parseExportIndex(formatExportIndex(paths))).toEqual(paths);
  });

  it('lists relative .zip paths in order, ignoring blank lines and CRLF', () => {
    expect(parseExportIndex('VN/1-2-00001.zip\r\nVN/1-2-00002.zip\n\nVN/3-4-00001.zip\n')).toEqual([
      'VN/1-2-00001.zip',
      'VN/1-2-00002.zip',
      'VN/3-4-00001.zip',
    ]);
    expect(parseExportIndex('')).toEqual([]);
  });

  for (const line of [
    '/etc/a.zip',
    'VN/../../a.zip',
    'VN//a.zip',
    'VN/./a.zip',
    'VN/a.txt',
    'http://evil/a.zip',
    'a b.zip',
  ]) {
    it(`refuses "${line}"`, () => {
      expect(() => parseExportIndex(`VN/ok.zip\n${line}\n`)).toThrow(
        expect.objectContaining({ name: 'ProtocolError', code: 'invalid_export' }),
      );
    });
  }
});
