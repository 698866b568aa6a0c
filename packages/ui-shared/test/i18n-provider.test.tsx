// @vitest-environment happy-dom
// The React provider and hook, controlled (the resident app's model owns the language) and keeping
// the choice itself in a LanguageStore (the web app, in localStorage and <html lang>).
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { pageLanguageStore } from '../src/browser/index';
import { createI18n, I18nProvider, type LanguageStore, useI18n } from '../src/index';

type Lang = 'vi' | 'en';
type Key = 'hello' | 'count';
const i18n = createI18n<Lang, Key>({
  catalogues: { vi: { hello: 'Xin chào', count: '{n} mã' }, en: { hello: 'Hello', count: '{n} codes' } },
  locales: { vi: 'vi-VN', en: 'en-GB' },
  defaultLanguage: 'vi',
});

function Greeting() {
  const { t, language, setLanguage, formatNumber } = useI18n<Lang, Key>();
  return (
    <button type="button" onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
      {t('hello')} · {t('count', { n: formatNumber(1500) })}
    </button>
  );
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('I18nProvider', () => {
  it('keeps its own language, starting from the store and saving each change', async () => {
    const saved: Lang[] = [];
    const store: LanguageStore<Lang> = { load: () => 'en', save: (l) => void saved.push(l) };
    render(
      <I18nProvider i18n={i18n} store={store}>
        <Greeting />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Hello · 1,500 codes');
    await act(async () => screen.getByRole('button').click());
    expect(screen.getByRole('button').textContent).toBe('Xin chào · 1.500 mã');
    expect(saved).toEqual(['vi']);
  });

  it('shows the language it is given when controlled, and reports the choice', async () => {
    const chosen: Lang[] = [];
    const { rerender } = render(
      <I18nProvider i18n={i18n} language="vi" onLanguageChange={(l) => chosen.push(l)}>
        <Greeting />
      </I18nProvider>,
    );
    await act(async () => screen.getByRole('button').click());
    expect(chosen).toEqual(['en']);
    expect(screen.getByRole('button').textContent).toBe('Xin chào · 1.500 mã'); // the owner has not switched yet
    rerender(
      <I18nProvider i18n={i18n} language="en" onLanguageChange={(l) => chosen.push(l)}>
        <Greeting />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Hello · 1,500 codes');
  });

  it('starts in the default language without a store, and useI18n outside a provider throws', () => {
    render(
      <I18nProvider i18n={i18n}>
        <Greeting />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Xin chào · 1.500 mã');
    cleanup();
    expect(() => render(<Greeting />)).toThrow('useI18n outside I18nProvider');
  });
});

describe('pageLanguageStore', () => {
  it('remembers the choice in localStorage and sets <html lang>; ignores values that are not a language', () => {
    const store = pageLanguageStore<Lang>('test.lang', ['vi', 'en']);
    document.documentElement.lang = '';
    expect(store.load()).toBeUndefined();
    // A page opened without a saved choice says it is in the default language.
    expect(document.documentElement.lang).toBe('vi');
    store.save('en');
    expect(localStorage.getItem('test.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    document.documentElement.lang = 'vi';
    // Reopened: the saved language is on <html lang> before anything is shown.
    expect(pageLanguageStore<Lang>('test.lang', ['vi', 'en']).load()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    localStorage.setItem('test.lang', 'fr');
    expect(store.load()).toBeUndefined();
  });
});
