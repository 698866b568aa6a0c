/** Where an uncontrolled I18nProvider keeps the user's language between visits. */
export interface LanguageStore<L extends string> {
  /** The saved choice, or undefined when there is none (or it is not one of the app's languages). */
  load(): L | undefined;
  save(language: L): void;
}
