/**
 * Scanning a unit's QR in a browser: the phone's camera app takes a photo (file input with
 * `capture`), jsQR finds the code in its pixels. Works in every browser without camera streaming;
 * the phone build injects a live camera scanner instead.
 */
import jsQR from 'jsqr';
import { AppError } from '../model/app-error';

async function decodePhoto(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new AppError('invalid_qr', 'this browser cannot read photos');
  ctx.drawImage(bitmap, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const code = jsQR(data, width, height);
  if (code === null) throw new AppError('invalid_qr', 'no QR code found in the photo');
  return code.data;
}

export function webQrScanner(): () => Promise<string> {
  return () =>
    new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = 'image/*';
      input.setAttribute('capture', 'environment');
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (file === undefined) reject(new AppError('invalid_qr', 'no photo taken'));
        else decodePhoto(file).then(resolve, reject);
      });
      input.click();
    });
}
