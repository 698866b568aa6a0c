/**
 * Message templates with `{placeholder}` fields. A template is checked against the fields its
 * audience can fill before it is saved, so a typo never reaches thousands of phones as "{nmae}".
 */
import { RolloutError } from '../rollout-error';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const FIELD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The fields a campaign can fill for each recipient. */
export const CAMPAIGN_FIELDS = ['name', 'unit', 'link', 'commune', 'district', 'code'] as const;

export function templateFields(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) names.add(m[1] ?? '');
  return [...names];
}

/** Throws `unknown_placeholder` listing every field not in `known`, or a malformed one. */
export function validateTemplate(template: string, known: readonly string[] = CAMPAIGN_FIELDS): void {
  if (template.trim() === '') throw new RolloutError('invalid_input', 'template is empty');
  const unknown = templateFields(template).filter((f) => !FIELD_NAME.test(f) || !known.includes(f));
  if (unknown.length > 0) {
    throw new RolloutError(
      'unknown_placeholder',
      `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `{${f}}`).join(', ')}; known: ${known.join(', ')}`,
      { unknown, known },
    );
  }
}

export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new RolloutError('unknown_placeholder', `no value for {${name}}`);
    return value;
  });
}
