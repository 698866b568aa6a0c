// A stand-in for the rollout toolkit's gate endpoints (CheckpointGateApi of @bluezone/client),
// for the resident app's gatekeeper-mode tests: it verifies tokens with the protocol's one
// verifier, refuses replays, answers as the server does (`radio_not_heard` → inactive), and
// records what the gatekeeper's phone sent. The real endpoints are tested in packages/rollout
// and end to end in the client's gatekeeper-mode test.
import type { CheckpointGateApi, GateCheckpoint, ScanOutcome } from '@bluezone/client';
import { ClientError } from '@bluezone/client';
import { type Clock, ProtocolError, verifyCheckpointToken } from '@bluezone/protocol';

export function fakeCheckpointGate(clock: Clock, checkpoint: Partial<GateCheckpoint> = {}) {
  const gate: GateCheckpoint = {
    id: 1,
    unitCode: '483-UBND',
    name: 'Cổng chính',
    createdAt: new Date(clock.now()).toISOString(),
    retiredAt: null,
    ...checkpoint,
  };
  /** Everything the gatekeeper's phone sent, as JSON text. */
  const sent: string[] = [];
  const used = new Set<string>();
  const refuse = (status: number, problemCode: string) =>
    new ClientError('server_rejected', problemCode, { status, problemCode });
  const api: CheckpointGateApi = {
    async gate() {
      return gate;
    },
    async scan(input) {
      sent.push(JSON.stringify(input));
      try {
        verifyCheckpointToken(input.token, clock.now());
      } catch (err) {
        if (!(err instanceof ProtocolError)) throw err;
        throw refuse(400, err.code === 'checkpoint_token_expired' ? 'token_expired' : 'token_forged');
      }
      if (used.has(input.token)) throw refuse(409, 'token_replayed');
      used.add(input.token);
      const heard = input.radio === 'heard';
      const outcome: ScanOutcome = {
        result: heard ? 'active' : 'inactive',
        reason: heard ? null : 'not heard',
        reasonCode: heard ? null : 'radio_not_heard',
        radio: input.radio,
        at: new Date(clock.now()).toISOString(),
      };
      return outcome;
    },
    async noApp(input) {
      sent.push(JSON.stringify(input));
    },
    async day() {
      return { checkpointId: gate.id, day: '', entries: 0, exits: 0, activeShare: 0, heardShare: 0, log: [] };
    },
  };
  return { api, sent, checkpoint: gate };
}
