// The crypto backends client tests run over (the portable one phones use, and Node's), and the
// times they start from. Their clock is the protocol's ManualClock.
import { portableBackend } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';

export const BACKENDS = [portableBackend, nodeBackend] as const;

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
/** 2026-11-20T00:00:00Z: a UTC midnight tests start from. */
export const MIDNIGHT = Date.UTC(2026, 10, 20);
