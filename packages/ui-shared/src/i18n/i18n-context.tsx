/**
 * The React side of the i18n runtime, the same for React DOM and React Native (nothing here
 * touches the DOM). The provider is either controlled (the app owns the language, e.g. in its
 * model, and passes `language` and `onLanguageChange`) or keeps the choice itself, starting from
 * and saving to a LanguageStore.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { AppI18n, I18n } from './catalogues';
import type { LanguageStore } from './language-store';

// One context for whichever app runs: each app has one provider, typed by its own wrapper of useI18n.
const I18nContext = createContext<I18n<string, string> | undefined>(undefined);

export interface I18nProviderProps<L extends string, K extends string> {
  i18n: AppI18n<L, K>;
  /** Controlled: the language to show. Without it the provider keeps its own, starting from `store`. */
  language?: L;
  /** Called when the user picks a language (with or without `language`). */
  onLanguageChange?(language: L): void;
  store?: LanguageStore<L>;
  children: ReactNode;
}

export function I18nProvider<L extends string, K extends string>({
  i18n,
  language,
  onLanguageChange,
  store,
  children,
}: I18nProviderProps<L, K>) {
  const [own, setOwn] = useState<L>(() => store?.load() ?? i18n.defaultLanguage);
  const current = language ?? own;
  const setLanguage = useCallback(
    (next: L) => {
      setOwn(next);
      store?.save(next);
      onLanguageChange?.(next);
    },
    [store, onLanguageChange],
  );
  const value = useMemo(() => i18n.i18nFor(current, setLanguage), [i18n, current, setLanguage]);
  return <I18nContext.Provider value={value as unknown as I18n<string, string>}>{children}</I18nContext.Provider>;
}

/** The I18n of the nearest provider; each app fixes L and K to its own languages and message keys. */
export function useI18n<L extends string, K extends string>(): I18n<L, K> {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n outside I18nProvider');
  return i18n as unknown as I18n<L, K>;
}
