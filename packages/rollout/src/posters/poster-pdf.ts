/**
 * Print-ready install posters (A4 or A3 PDF) for a unit: Vietnamese install steps, the download
 * link, and a QR code carrying the unit's install link, so installs from the poster are
 * attributed to the village or business that put it up.
 */
import { installLink } from '../units/install-link';
import type { Unit } from '../units/unit';
import { installQrPng, openPrintDocument, PRINT_BLUE } from './print-document';

export type PosterSize = 'A4' | 'A3';

export interface PosterOptions {
  size: PosterSize;
  /** e.g. https://bluezone.gov.vn/install — the unit code is added as ?unit=CODE. */
  installBaseUrl: string;
  /** Where people download the app without scanning. */
  downloadUrl: string;
  env?: Record<string, string | undefined>;
}

export const POSTER_TEXT = {
  title: 'CÀI ĐẶT BLUEZONE',
  subtitle: 'Bảo vệ mình, bảo vệ cộng đồng',
  stepsHeading: 'Các bước cài đặt',
  steps: [
    'Quét mã QR bên dưới bằng camera điện thoại.',
    'Tải ứng dụng Bluezone từ App Store hoặc Google Play.',
    'Mở ứng dụng, bật Bluetooth và cho phép gửi thông báo.',
    'Ứng dụng không thu thập tên, số điện thoại hay vị trí của bạn.',
  ],
  download: 'Tải về tại',
  unitCode: 'Mã đơn vị',
} as const;

/** Renders one poster; `parentName` names the commune or district under the unit's name. */
export async function renderPoster(
  unit: Pick<Unit, 'code' | 'name'>,
  parentName: string | null,
  options: PosterOptions,
): Promise<Buffer> {
  const link = installLink(options.installBaseUrl, unit.code);
  const qrPng = await installQrPng(link);
  const { doc, done } = openPrintDocument({
    size: options.size,
    title: `Bluezone — ${unit.name}`,
    subject: `Poster for unit ${unit.code}`,
    ...(options.env ? { env: options.env } : {}),
  });

  const W = doc.page.width;
  const H = doc.page.height;
  const k = W / 595.28; // scale everything from the A4 layout
  const margin = 48 * k;
  const inner = W - 2 * margin;
  const blue = PRINT_BLUE;

  doc.rect(0, 0, W, 150 * k).fill(blue);
  doc
    .fillColor('white')
    .font('bold')
    .fontSize(40 * k)
    .text(POSTER_TEXT.title, margin, 38 * k, { width: inner, align: 'center' });
  doc
    .font('regular')
    .fontSize(20 * k)
    .text(POSTER_TEXT.subtitle, margin, 92 * k, { width: inner, align: 'center' });

  doc
    .fillColor('black')
    .font('bold')
    .fontSize(22 * k)
    .text(unit.name, margin, 175 * k, { width: inner, align: 'center' });
  if (parentName)
    doc
      .font('regular')
      .fontSize(15 * k)
      .text(parentName, { width: inner, align: 'center' });

  const qrSize = 250 * k;
  const qrTop = 250 * k;
  doc.image(qrPng, (W - qrSize) / 2, qrTop, { width: qrSize, height: qrSize });
  doc
    .font('bold')
    .fontSize(16 * k)
    .text(`${POSTER_TEXT.unitCode}: ${unit.code}`, margin, qrTop + qrSize + 8 * k, {
      width: inner,
      align: 'center',
    });

  let y = qrTop + qrSize + 50 * k;
  doc
    .fillColor(blue)
    .font('bold')
    .fontSize(18 * k)
    .text(POSTER_TEXT.stepsHeading, margin, y, { width: inner });
  y = doc.y + 8 * k;
  doc
    .fillColor('black')
    .font('regular')
    .fontSize(14 * k);
  POSTER_TEXT.steps.forEach((step, i) => {
    doc.text(`${i + 1}. ${step}`, margin + 10 * k, y, { width: inner - 10 * k });
    y = doc.y + 6 * k;
  });

  doc.rect(0, H - 80 * k, W, 80 * k).fill('#eef4fb');
  doc
    .fillColor('black')
    .font('regular')
    .fontSize(13 * k)
    .text(`${POSTER_TEXT.download}: ${options.downloadUrl}`, margin, H - 60 * k, {
      width: inner,
      align: 'center',
    });
  doc.fontSize(10 * k).text(link, { width: inner, align: 'center' });
  doc.end();
  return done;
}
