/**
 * A QR code of `text` as a PNG data URL, for an <img>: made in the browser by `qrcode` (nothing is
 * sent anywhere), null until it is ready. The gate key pairing and the field test sheet show theirs
 * with it.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** Error correction M, a 4-module quiet zone and 6 px a module, as every QR the web app shows. */
export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4, scale: 6 } as const;

export function useQrDataUrl(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setUrl(null);
    QRCode.toDataURL(text, QR_OPTIONS).then(
      (made) => live && setUrl(made),
      () => live && setUrl(null),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}
