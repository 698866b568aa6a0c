/** Android runtime permissions; on other platforms (this file) nothing is an Android permission. */
export async function requestAndroid(permissions: string[]): Promise<Record<string, 'granted' | 'denied'>> {
  return Object.fromEntries(permissions.map((p) => [p, 'denied' as const]));
}
