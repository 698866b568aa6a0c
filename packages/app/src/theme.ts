/** Colours and spacing shared by the screens (Bluezone's blue, with safe/alert colours). */
export const COLORS = {
  primary: '#0a5bd3',
  primaryDark: '#07409a',
  safe: '#1e8e3e',
  alert: '#c5221f',
  warn: '#e37400',
  text: '#1f2933',
  muted: '#5f6b7a',
  border: '#d6dde6',
  background: '#f4f7fb',
  card: '#ffffff',
} as const;

export const SPACE = 12;
