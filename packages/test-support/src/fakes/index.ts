/** Fakes shared by the client SDK's and the resident app's tests; portable (no Node APIs), so Jest's React Native preset loads them too. */
export { FakeAdvertiser, FakeBleManager } from './fake-ble-plx';
export { fakeCheckpointGate } from './fake-checkpoint-gate';
export { fakeServers, type RecordedCall } from './fake-servers';
