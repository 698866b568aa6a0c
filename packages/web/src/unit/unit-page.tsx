/**
 * Unit manager page: the unit's coverage and its sub-units, the staff roster with each person's
 * install status, posters to print (single or a batch with progress) and its office checkpoints (create,
 * rename, retire, pair a gatekeeper's phone, each one's day), and its sub-units to archive or restore.
 * District-wide users pick the unit; a unit manager sees their own.
 */
import type { accountsApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { CheckpointsCard } from '../checkpoints/checkpoints-card';
import { UnitPicker } from '../components/unit-picker';
import { useI18n } from '../i18n/i18n';
import { PostersCard } from './posters-card';
import { RosterCard } from './roster-card';
import { UnitArchiveCard } from './unit-archive-card';
import { UnitCoverageCard } from './unit-coverage-card';

export function UnitPage({ user }: { user: accountsApi.User }) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const code = user.unitCode ?? picked ?? '483';
  return (
    <section aria-labelledby="unit-title">
      <div className="page-head">
        <h1 id="unit-title">{t('unit.title')}</h1>
        {user.unitCode === null && <UnitPicker value={code} onChange={setPicked} />}
      </div>
      <UnitCoverageCard code={code} />
      <div className="grid-2">
        <RosterCard code={code} />
        <PostersCard code={code} />
      </div>
      <CheckpointsCard code={code} />
      <UnitArchiveCard code={code} />
    </section>
  );
}
