/**
 * Scanning a unit's or inviter's QR in a browser: a live camera view whose frames are decoded
 * until a code appears (@bluezone/ui-shared/browser's scanCamera, the web app's gatekeeper page
 * reads visitors' passes with it too), with "take a photo instead" (file input with `capture`: the
 * phone's camera app, decoded the same way) for browsers without camera access, and cancel.
 * Typing the code stays on the screen itself. The view is plain DOM over the app, styled by
 * web.css (the CSP allows no inline styles), so the shared screens know only `scanQr()`.
 */
import { cameraAvailable, decodeQrImage, scanCamera } from '@bluezone/ui-shared/browser';
import { AppError } from '../model/app-error';

export interface QrScannerLabels {
  title: string;
  noCamera: string;
  photo: string;
  cancel: string;
}

async function decodePhoto(file: File): Promise<string> {
  let code: string | null;
  try {
    code = await decodeQrImage(file);
  } catch (err) {
    throw new AppError('invalid_qr', (err as Error).message);
  }
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

    const camera = new AbortController();
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      camera.abort(); // scanCamera releases the camera at once
      overlay.remove();
      outcome();
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

    if (!cameraAvailable()) return noCamera();
    scanCamera(video, { signal: camera.signal }).then(
      (code) => {
        if (code !== null) finish(() => resolve(code));
      },
      // Refused or no camera: the photo still works.
      () => {
        if (!done) noCamera();
      },
    );
  });
}

export function webQrScanner(labels: () => QrScannerLabels): () => Promise<string> {
  return () => openScanner(labels());
}
