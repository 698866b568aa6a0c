/**
 * @bluezone/protocol: the portable core shared by phones, the key server and the simulator.
 * Pure functions over bytes; crypto comes from an injected backend (`portableBackend` here,
 * `nodeBackend` from `@bluezone/protocol/node`).
 */
export * from './associated-metadata';
export * from './ble-advertisement';
export * from './ble-metadata';
export * from './bytes';
export * from './checkpoint/checkpoint-pass';
export * from './checkpoint/checkpoint-rekey';
export * from './checkpoint/checkpoint-token';
export * from './checkpoint/radio-commitment';
export * from './clock';
export * from './configuration/configuration-document';
export * from './configuration/configuration-preview';
export * from './configuration/configuration-signature';
export * from './configuration/preview-curve';
export type { CryptoBackend } from './crypto/backend';
export * from './crypto/p256-pem';
export { portableBackend } from './crypto/portable-backend';
export * from './csv-record';
export * from './device-calibration';
export * from './errors';
export * from './export/export-batch';
export * from './export/export-encoding';
export * from './export/export-header';
export * from './export/export-index';
export * from './export/export-signature';
export * from './export/export-verify';
export * from './export/export-zip';
export * from './interval-number';
export * from './matching/exposure-window-builder';
export * from './matching/key-matcher';
export * from './matching/match-diagnosis-keys';
export * from './matching/sighting-index';
export * from './matching/tek-key-derivation';
export * from './matching/tek-key-simd';
export * from './median';
export * from './proximity/band-moves';
export * from './proximity/close-time-distribution';
export * from './proximity/crowd-priors';
export * from './proximity/estimate-close-time';
export * from './proximity/offset-grid';
export * from './proximity/proximity-encounters';
export * from './proximity/proximity-hmm';
export * from './proximity/proximity-parameters';
export * from './proximity/receiver-sessions';
export * from './publish/exposure-key-hmac';
export * from './risk/classify-day';
export * from './risk/daily-summary';
export * from './risk/exposure-window';
export * from './risk/infectiousness';
export * from './risk/risk-configuration';
export * from './risk/risk-presets';
export * from './risk/window-score';
export * from './rolling-proximity-id';
export * from './temporary-exposure-key';
