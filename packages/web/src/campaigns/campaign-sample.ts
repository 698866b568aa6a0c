/**
 * A campaign's text as a resident would read it, rendered in the page as the official types: each
 * `{field}` filled with an example (the recipient's name, the unit's own name, an install link on
 * this server), so nobody has to imagine `{name}{unit}{link}`. The server renders the real one.
 */

/** The fields a campaign can fill (rollout/campaigns/message-template.ts's CAMPAIGN_FIELDS). */
export const CAMPAIGN_FIELDS = ['name', 'unit', 'link', 'commune', 'district', 'code'] as const;
export type CampaignField = (typeof CAMPAIGN_FIELDS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The text with each known field filled; an unknown one is left as typed, so the mistake shows. */
export function renderSample(template: string, values: Readonly<Record<CampaignField, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    (CAMPAIGN_FIELDS as readonly string[]).includes(name) ? values[name as CampaignField] : whole,
  );
}

/** The `{fields}` in `template` that a campaign cannot fill. */
export function unknownFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1] ?? '')
    .filter((f) => !(CAMPAIGN_FIELDS as readonly string[]).includes(f));
}
