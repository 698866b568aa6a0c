/** The web users: who they are, their role, unit and state, with unlock, password reset and disable/enable. */
import type { accountsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { DataTable, HiddenHeader } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { NewUserForm } from './new-user-form';

export function UsersCard({ self }: { self: accountsApi.User }) {
  const { t } = useI18n();
  const users = useLoad((signal) => api<typeof accountsApi.listUsers>('/api/accounts/users', { signal }), []);
  const action = useAction();

  const patch = (id: number, body: object, done: string) =>
    action.run(async () => {
      await api<typeof accountsApi.updateUser>(`/api/accounts/users/${id}`, { method: 'PATCH', body });
      users.reload();
      return done;
    });
  const resetPassword = (u: accountsApi.User) => {
    const password = window.prompt(t('admin.newPasswordFor', { username: u.username }));
    if (password) void patch(u.id, { password }, t('admin.passwordReset', { username: u.username }));
  };
  const actions = (u: accountsApi.User) => (
    <>
      {u.locked && (
        <button
          type="button"
          className="link"
          onClick={() => void patch(u.id, { unlock: true }, t('admin.unlocked', { username: u.username }))}
        >
          {t('admin.unlock')}
        </button>
      )}
      <button type="button" className="link" onClick={() => resetPassword(u)}>
        {t('admin.resetPassword')}
      </button>
      {u.id !== self.id && (
        <button
          type="button"
          className="link danger"
          onClick={() =>
            void patch(
              u.id,
              { disabled: !u.disabled },
              t(u.disabled ? 'admin.enabledMsg' : 'admin.disabledMsg', { username: u.username }),
            )
          }
        >
          {u.disabled ? t('admin.enable') : t('admin.disable')}
        </button>
      )}
    </>
  );

  return (
    <div className="card">
      <h2>{t('admin.users')}</h2>
      <ActionNotices action={action} />
      <Loadable state={users.state} onRetry={users.reload}>
        {({ users: list }) => (
          <DataTable
            rows={list}
            rowKey={(u) => u.id}
            empty={t('admin.noUsers')}
            columns={[
              { header: t('auth.username'), cell: (u) => u.username },
              { header: t('admin.displayName'), cell: (u) => u.displayName },
              { header: t('admin.role'), cell: (u) => t(`role.${u.role}` as const) },
              { header: t('admin.unit'), cell: (u) => u.unitCode ?? '—' },
              {
                header: t('health.status'),
                cell: (u) => (u.disabled ? t('admin.disabled') : u.locked ? t('admin.locked') : t('admin.active')),
              },
              { header: <HiddenHeader>{t('health.actions')}</HiddenHeader>, className: 'actions', cell: actions },
            ]}
          />
        )}
      </Loadable>
      <NewUserForm action={action} onCreated={users.reload} />
    </div>
  );
}
