/**
 * One drive's volunteers: each one's figures and own invite QR (the install link with `?vol=`,
 * drawn here from the link the server gives), and a form to add a volunteer. Names and phones
 * are kept until the date shown, then erased; the figures stay.
 */
import type { drivesApi } from '@bluezone/protocol/api';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { Empty, Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function DriveVolunteers({
  driveId,
  onChanged,
  onClose,
}: {
  driveId: number;
  onChanged(): void;
  onClose(): void;
}) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const data = useLoad(
    (signal) => api<typeof drivesApi.getDrive>(`/api/rollout/drives/${driveId}`, { signal }),
    [driveId],
  );
  const action = useAction();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const { volunteer } = await api<typeof drivesApi.addVolunteer>(`/api/rollout/drives/${driveId}/volunteers`, {
        method: 'POST',
        body: { name, ...(phone.trim() ? { phone } : {}) },
      });
      setName('');
      setPhone('');
      data.reload();
      onChanged();
      return t('drives.volunteerAdded', { name: volunteer.name ?? '' });
    });
  };
  return (
    <div className="card" data-testid="drive-volunteers">
      <Loadable state={data.state} onRetry={data.reload}>
        {({ drive, volunteers }) => (
          <>
            <div className="page-head">
              <h2>{t('drives.volunteersOf', { name: drive.name })}</h2>
              <button type="button" className="link no-print" onClick={onClose}>
                {t('drives.close')}
              </button>
            </div>
            <ActionNotices action={action} />
            {volunteers.length === 0 ? (
              <Empty>{t('drives.noVolunteers')}</Empty>
            ) : (
              <ul className="list volunteers">
                {volunteers.map((v) => (
                  <li key={v.id} data-testid={`volunteer-${v.id}`}>
                    <InviteQr link={v.inviteLink} alt={t('drives.qrAlt', { name: v.name ?? `#${v.id}` })} />
                    <div>
                      <strong>{v.name ?? t('drives.erased', { id: v.id })}</strong>
                      {v.phone && <span className="muted"> · {v.phone}</span>}
                      <p>
                        {t('drives.volunteerFigures', {
                          installs: formatNumber(v.installs),
                          active: formatNumber(v.active),
                        })}
                      </p>
                      <p className="muted">
                        <a href={v.inviteLink}>{v.inviteLink}</a>
                      </p>
                      {v.personalDataUntil && (
                        <p className="muted">{t('drives.keptUntil', { date: formatDateTime(v.personalDataUntil) })}</p>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <form className="row-form no-print" onSubmit={submit}>
              <label>
                {t('drives.volunteerName')}
                <input
                  name="volunteer-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  required
                  maxLength={200}
                />
              </label>
              <label>
                {t('drives.volunteerPhone')}
                <input
                  name="volunteer-phone"
                  type="tel"
                  value={phone}
                  onChange={(e) => setPhone(e.target.value)}
                  maxLength={40}
                />
              </label>
              <button type="submit" className="primary" disabled={action.busy || name.trim() === ''}>
                {t('drives.addVolunteer')}
              </button>
            </form>
          </>
        )}
      </Loadable>
    </div>
  );
}

/** A volunteer's invite QR, drawn in the browser from their link (M correction, the quiet zone ISO/IEC 18004 asks). */
function InviteQr({ link, alt }: { link: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 4, scale: 4 }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [link]);
  return src ? <img className="invite-qr" src={src} alt={alt} width={132} height={132} /> : null;
}
