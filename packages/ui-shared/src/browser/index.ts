/** @bluezone/ui-shared's browser-only half: camera and photo QR decoding (jsQR), and the page's saved language. */

export { pageLanguageStore } from './page-language';
export { type CameraScanOptions, cameraAvailable, FRAME_INTERVAL_MS, FRAME_MAX_SIDE, scanCamera } from './qr-camera';
export { decodeQrImage, decodeQrPixels, decodeQrSource } from './qr-frame';
