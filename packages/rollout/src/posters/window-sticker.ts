/**
 * A business's window sticker (order 5 of the dispatch): "we recommend Bluezone" over the
 * business's counter QR, A5 for a door or window, A6 for a counter. The QR carries the
 * business's install link, so installs from it are "recommended by" the business. Vietnamese
 * first, with an English line for visitors. Drawn with the posters' document, fonts and QR
 * (print-document.ts).
 */
import type { businessesApi } from '@bluezone/protocol/api';
import { installLink } from '../units/install-link';
import type { Unit } from '../units/unit';
import { installQrPng, openPrintDocument, PRINT_BLUE } from './print-document';

export type StickerSize = businessesApi.StickerSize;

export const STICKER_TEXT = {
  title: 'CHÚNG TÔI KHUYÊN DÙNG BLUEZONE',
  titleEn: 'We recommend Bluezone',
  scan: 'Quét mã để cài đặt ứng dụng — miễn phí, không thu thập tên, số điện thoại hay vị trí.',
  scanEn: 'Scan to install the app: free, no name, phone number or location collected.',
} as const;

export async function renderWindowSticker(
  business: Pick<Unit, 'code' | 'name'>,
  options: { size: StickerSize; installBaseUrl: string; env?: Record<string, string | undefined> },
): Promise<Buffer> {
  const link = installLink(options.installBaseUrl, business.code);
  const qrPng = await installQrPng(link);
  const { doc, done } = openPrintDocument({
    size: options.size,
    title: `Bluezone — ${business.name}`,
    subject: `Window sticker for business ${business.code}`,
    ...(options.env ? { env: options.env } : {}),
  });
  const W = doc.page.width;
  const H = doc.page.height;
  const k = W / 419.53; // scale from the A5 layout (A5 is 419.53 × 595.28 pt)
  const margin = 28 * k;
  const inner = W - 2 * margin;

  doc.rect(0, 0, W, 110 * k).fill(PRINT_BLUE);
  doc
    .fillColor('white')
    .font('bold')
    .fontSize(24 * k)
    .text(STICKER_TEXT.title, margin, 24 * k, { width: inner, align: 'center' });
  doc
    .font('regular')
    .fontSize(13 * k)
    .text(STICKER_TEXT.titleEn, { width: inner, align: 'center' });

  doc
    .fillColor('black')
    .font('bold')
    .fontSize(18 * k)
    .text(business.name, margin, 128 * k, { width: inner, align: 'center' });

  const qrSize = 240 * k;
  const qrTop = 170 * k;
  doc.image(qrPng, (W - qrSize) / 2, qrTop, { width: qrSize, height: qrSize });

  doc
    .font('regular')
    .fontSize(12 * k)
    .text(STICKER_TEXT.scan, margin, qrTop + qrSize + 12 * k, { width: inner, align: 'center' });
  doc
    .fillColor('#444444')
    .fontSize(10 * k)
    .text(STICKER_TEXT.scanEn, { width: inner, align: 'center' });
  doc
    .fillColor('#666666')
    .fontSize(8 * k)
    .text(link, margin, H - 28 * k, { width: inner, align: 'center' });
  doc.end();
  return done;
}
