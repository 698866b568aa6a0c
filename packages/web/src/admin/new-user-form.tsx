/** Creating a web user: username, display name, role, the unit for unit roles, and a first password. */
import { type accountsApi, USER_ROLES } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import type { Action } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

/** Roles that act for one unit, so a user of that role needs a unit code. */
const UNIT_ROLES: readonly accountsApi.UserRole[] = ['unit_manager', 'gatekeeper'];

/** `action` is the users card's, so the confirmation or error shows above its list. */
export function NewUserForm({ action, onCreated }: { action: Action; onCreated(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'unit_manager' as accountsApi.UserRole,
    unitCode: '',
    password: '',
  });
  const field = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });

  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const { user } = await api<typeof accountsApi.createUser>('/api/accounts/users', {
        method: 'POST',
        body: {
          username: form.username,
          displayName: form.displayName,
          role: form.role,
          unitCode: UNIT_ROLES.includes(form.role) ? form.unitCode : null,
          password: form.password,
        },
      });
      setForm({ ...form, username: '', displayName: '', password: '' });
      onCreated();
      return t('admin.userCreated', { username: user.username });
    });
  };

  return (
    <form className="grid-form" onSubmit={create} aria-labelledby="new-user-title">
      <h3 id="new-user-title">{t('admin.newUser')}</h3>
      <label>
        {t('auth.username')}
        <input name="new-username" required autoCapitalize="none" value={form.username} onChange={field('username')} />
      </label>
      <label>
        {t('admin.displayName')}
        <input name="new-display-name" value={form.displayName} onChange={field('displayName')} />
      </label>
      <label>
        {t('admin.role')}
        <select name="new-role" value={form.role} onChange={field('role')}>
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as const)}
            </option>
          ))}
        </select>
      </label>
      {UNIT_ROLES.includes(form.role) && (
        <label>
          {t('admin.unitCode')}
          <input name="new-unit" required value={form.unitCode} onChange={field('unitCode')} />
        </label>
      )}
      <label>
        {t('auth.password')}
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          value={form.password}
          onChange={field('password')}
        />
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.create')}
      </button>
    </form>
  );
}
