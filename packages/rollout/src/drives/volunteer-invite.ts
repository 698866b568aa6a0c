/**
 * A drive volunteer's invite link: the install link with `?vol=<invite code>`, the QR the
 * volunteer shows. The resident app reads it like a unit's (`?unit=`) or a relative's (`?ref=`)
 * link and sends the code as the attestation's `volunteerCode`.
 */
export const VOLUNTEER_LINK_PARAMETER = 'vol';

export function volunteerInviteLink(installBaseUrl: string, inviteCode: string): string {
  const url = new URL(installBaseUrl);
  url.searchParams.set(VOLUNTEER_LINK_PARAMETER, inviteCode);
  return url.toString();
}
