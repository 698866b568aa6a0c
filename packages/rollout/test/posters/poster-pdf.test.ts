import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { POSTER_TEXT, renderPoster } from '../../src/posters/poster-pdf';
import { RolloutError } from '../../src/rollout-error';
import { installLink } from '../../src/units/install-link';

const dir = mkdtempSync(join(tmpdir(), 'bluezone-poster-'));
const options = {
  size: 'A4' as const,
  installBaseUrl: 'https://bluezone.gov.vn/install',
  downloadUrl: 'https://bluezone.gov.vn',
};

async function posterFile(name: string, size: 'A4' | 'A3' = 'A4'): Promise<string> {
  const pdf = await renderPoster({ code: '20164-02', name: 'Thôn 2' }, 'Xã Hương Phú, huyện Nam Đông', {
    ...options,
    size,
  });
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

describe('install posters', () => {
  it('keeps the Vietnamese text with diacritics, in an embedded font', async () => {
    const file = await posterFile('a4.pdf');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of [
      POSTER_TEXT.title,
      POSTER_TEXT.subtitle,
      'Thôn 2',
      'Xã Hương Phú, huyện Nam Đông',
      ...POSTER_TEXT.steps,
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(s);
    }
    expect(text).toContain('Mã đơn vị: 20164-02');
    expect(text).toContain('https://bluezone.gov.vn');
    // pdffonts: every font is embedded (a subset of DejaVu Sans), none is a standard-14 font.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/DejaVuSans/);
      expect(line).toMatch(/TrueType.*\byes\b/);
    }
  });

  it('carries a QR code that decodes to the unit install link', async () => {
    const file = await posterFile('qr.pdf');
    execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', file, join(dir, 'qr')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'qr.png')));
    const found = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      png.width,
      png.height,
    );
    expect(found?.data).toBe('https://bluezone.gov.vn/install?unit=20164-02');
  });

  it('renders A3 at A3 size', async () => {
    const file = await posterFile('a3.pdf', 'A3');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 1190\.55 pts \(A3\)/);
    expect(info).toMatch(/Pages:\s+1\b/);
  });

  it('fails clearly when no font is available', async () => {
    const err = await renderPoster({ code: 'X1', name: 'x' }, null, {
      ...options,
      env: { BLUEZONE_POSTER_FONT: '/nonexistent/font.ttf' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RolloutError);
    expect((err as RolloutError).code).toBe('font_missing');
  });

  it('builds install links from a configurable base', () => {
    expect(installLink('https://example.vn/app?src=poster', 'ABC-1')).toBe(
      'https://example.vn/app?src=poster&unit=ABC-1',
    );
    expect(() => installLink('not a url', 'X')).toThrow(RolloutError);
  });
});
