/** Reading a visitor's QR: the live camera (start/stop, its view below the buttons) or a photo. */
import { cameraAvailable } from '@bluezone/ui-shared/browser';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

export function CameraScan({
  busy,
  onCamera,
  onPhoto,
}: {
  busy: boolean;
  /** Scans until a code is read and logged, or `signal` aborts. */
  onCamera(video: HTMLVideoElement, signal: AbortSignal): Promise<void>;
  onPhoto(file: File): Promise<void>;
}) {
  const { t } = useI18n();
  const [scanning, setScanning] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const scanAbort = useRef<AbortController | null>(null);
  useEffect(() => () => scanAbort.current?.abort(), []);

  const startCamera = async () => {
    const video = videoRef.current;
    if (!video) return;
    const abort = new AbortController();
    scanAbort.current = abort;
    setScanning(true);
    try {
      await onCamera(video, abort.signal);
    } finally {
      setScanning(false);
    }
  };

  return (
    <>
      <div className="scan-actions">
        {cameraAvailable() && (
          <button
            type="button"
            className="primary big"
            onClick={() => (scanning ? scanAbort.current?.abort() : void startCamera())}
            disabled={busy}
          >
            {scanning ? t('gate.stopCamera') : t('gate.scanCamera')}
          </button>
        )}
        <label className="button big file">
          {t('gate.fromImage')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void onPhoto(file);
            }}
            disabled={busy}
          />
        </label>
      </div>
      <video
        ref={videoRef}
        className={scanning ? 'camera on' : 'camera'}
        muted
        playsInline
        aria-label={t('gate.cameraView')}
      />
    </>
  );
}
