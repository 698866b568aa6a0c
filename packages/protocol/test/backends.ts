// The backends every crypto test runs over: results must be identical.
import { portableBackend } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';

export const BACKENDS = [nodeBackend, portableBackend] as const;
