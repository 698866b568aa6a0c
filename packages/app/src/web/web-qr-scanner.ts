/**
 * Scanning a unit's or inviter's QR in a browser: a live camera view (getUserMedia) whose frames
 * jsQR decodes until a code appears, with "take a photo instead" (file input with `capture`: the
 * phone's camera app, decoded the same way) for browsers without camera access, and cancel.
 * Typing the code stays on the screen itself. The view is plain DOM over the app, styled by
 * web.css (the CSP allows no inline styles), so the shared screens know only `scanQr()`.
 */
import jsQR from 'jsqr';
import { AppError } from '../model/app-error';

export interface QrScannerLabels {
  title: string;
  noCamera: string;
  photo: string;
  cancel: string;
}

/** Frames are scaled to at most this width before decoding: enough for a poster QR, cheap on a phone. */
const DECODE_WIDTH = 640;
const FRAME_INTERVAL_MS = 150;

function decodePixels(source: CanvasImageSource, width: number, height: number, canvas: HTMLCanvasElement) {
  const scale = Math.min(1, DECODE_WIDTH / width);
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx === null) throw new AppError('invalid_qr', 'this browser cannot read images');
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data, canvas.width, canvas.height)?.data ?? null;
}

async function decodePhoto(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const code = decodePixels(bitmap, bitmap.width, bitmap.height, document.createElement('canvas'));
  bitmap.close();
  if (code === null) throw new AppError('invalid_qr', 'no QR code found in the photo');
  return code;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]>,
  testId?: string,
): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  if (testId !== undefined) e.setAttribute('data-testid', testId);
  return e;
}

/** Opens the scanner over the page; resolves with the first QR read, rejects `scan_cancelled` on cancel. */
function openScanner(labels: QrScannerLabels): Promise<string> {
  return new Promise((resolve, reject) => {
    const title = element('p', { className: 'qr-scanner-title', textContent: labels.title });
    const video = element('video', { className: 'qr-scanner-video', muted: true, playsInline: true }, 'qr-camera');
    const file = element('input', { type: 'file', accept: 'image/*', hidden: true });
    file.setAttribute('capture', 'environment');
    const photo = element('button', { type: 'button', textContent: labels.photo }, 'qr-photo');
    const cancel = element('button', { type: 'button', textContent: labels.cancel }, 'qr-cancel');
    const actions = element('div', { className: 'qr-scanner-actions' });
    actions.append(photo, cancel);
    const overlay = element('div', { className: 'qr-scanner' }, 'qr-scanner');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-label', labels.title);
    overlay.append(title, video, file, actions);
    document.body.append(overlay);

    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Release the camera at once: the phone's camera light goes off when the code is read.
      for (const track of stream?.getTracks() ?? []) track.stop();
      video.srcObject = null;
      overlay.remove();
      outcome();
    };
    const canvas = document.createElement('canvas');
    const readFrame = () => {
      if (done) return;
      if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        const code = decodePixels(video, video.videoWidth, video.videoHeight, canvas);
        if (code !== null) return finish(() => resolve(code));
      }
      timer = setTimeout(readFrame, FRAME_INTERVAL_MS);
    };
    const noCamera = () => {
      title.textContent = labels.noCamera;
      video.hidden = true;
    };

    photo.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const picked = file.files?.[0];
      if (picked === undefined) return;
      decodePhoto(picked).then(
        (code) => finish(() => resolve(code)),
        (err: unknown) => finish(() => reject(err)),
      );
    });
    cancel.addEventListener('click', () =>
      finish(() => reject(new AppError('scan_cancelled', 'scanning was cancelled'))),
    );

    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media?.getUserMedia === undefined) return noCamera();
    media.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(
      (s) => {
        stream = s;
        if (done) return finish(() => {});
        video.srcObject = s;
        void video.play().catch(() => {});
        readFrame();
      },
      // Refused or no camera: the photo still works.
      noCamera,
    );
  });
}

export function webQrScanner(labels: () => QrScannerLabels): () => Promise<string> {
  return () => openScanner(labels());
}
