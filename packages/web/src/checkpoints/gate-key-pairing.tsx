/**
 * A new gate key, shown once: as the QR the resident app's gatekeeper mode scans to pair with
 * the checkpoint, and as text for typing. The server keeps only its hash.
 */
import { useI18n } from '../i18n/i18n';
import { useQrDataUrl } from '../qr/qr-image';

export function GateKeyPairing({ gateKey, checkpointName }: { gateKey: string; checkpointName: string }) {
  const { t } = useI18n();
  const qr = useQrDataUrl(gateKey);
  return (
    <div className="notice ok" role="status" data-testid="gate-key-pairing">
      <p>{t('checkpoints.pairShownOnce', { name: checkpointName })}</p>
      {qr && <img className="gate-key-qr" src={qr} alt={t('checkpoints.pairQrAlt')} data-testid="gate-key-qr" />}
      <code className="secret" data-testid="gate-key">
        {gateKey}
      </code>
    </div>
  );
}
