/**
 * Message lookup: flat catalogues (`{ "home.title": "…" }`, one per language) whose messages carry
 * `{name}` placeholders. A placeholder without a value stays visible, so a missing parameter shows
 * in the page instead of an empty gap; a key missing from a catalogue shows the key itself.
 */

export type MessageParams = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: MessageParams) => string;

/** Fills `{name}` placeholders from `params`. */
export function interpolate(text: string, params?: MessageParams): string {
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The translate function over one catalogue. */
export function translator<K extends string>(messages: Readonly<Record<K, string>>): Translate<K> {
  return (key, params) => interpolate(messages[key] ?? key, params);
}

/** The `{name}` placeholders of a message, sorted: what catalogue tests compare between languages. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}
