/**
 * The published password of demo users (README, the web app's README): demo databases get one
 * user per role with it (the rollout toolkit's access/demo-users.ts), and the login page names
 * them while they keep it, so whoever opens a demo server knows how to get in.
 */
export const DEMO_PASSWORD = 'bluezone-demo';
