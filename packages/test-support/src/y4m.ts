/**
 * A Y4M video (what Chromium's fake camera plays, `--use-file-for-fake-video-capture`) of a
 * black-on-white QR code: `modules` is the QR's module matrix (size × size, 1 = dark), as
 * `QRCode.create(text).modules` gives it. YUV 4:2:0: luma per pixel, neutral chroma (128) at
 * quarter resolution.
 */
import fs from 'node:fs';

export function writeQrY4m(
  file: string,
  modules: { size: number; get(row: number, col: number): number },
  frames = 5,
): void {
  const scale = 8;
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * scale;
  const w = side + (side % 2);
  const luma = Buffer.alloc(w * w, 255);
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      for (let y = 0; y < scale; y++) {
        const row = (r + quiet) * scale + y;
        luma.fill(0, row * w + (c + quiet) * scale, row * w + (c + quiet + 1) * scale);
      }
    }
  }
  const chroma = Buffer.alloc((w / 2) * (w / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${w} H${w} F5:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from('FRAME\n'), luma, chroma);
  fs.writeFileSync(file, Buffer.concat(parts));
}
