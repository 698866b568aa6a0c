/**
 * What every printed piece shares (posters, window stickers): a PDFKit document with the
 * Vietnamese-capable fonts registered as `regular` and `bold` (poster-font.ts), the bytes
 * collected into one Buffer when it ends, and a QR code of an install link as a PNG.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { resolvePosterFonts } from './poster-font';

export const PRINT_BLUE = '#0a5fb4';

export interface PrintDocument {
  doc: PDFKit.PDFDocument;
  /** Resolves with the PDF once `doc.end()` has been called. */
  done: Promise<Buffer>;
}

export function openPrintDocument(options: {
  size: string;
  title: string;
  subject: string;
  env?: Record<string, string | undefined>;
}): PrintDocument {
  const fonts = resolvePosterFonts(options.env);
  const doc = new PDFDocument({
    size: options.size,
    margin: 0,
    font: fonts.regular,
    info: { Title: options.title, Subject: options.subject, Author: 'Bluezone' },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/**
 * The QR code of `link` as a PNG. Error correction M (15 %) survives a little dirt on paper;
 * margin 4 is the quiet zone ISO/IEC 18004 requires.
 */
export function installQrPng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 12 });
}
