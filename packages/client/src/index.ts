/**
 * @bluezone/client: everything a Bluezone app does except drawing screens. Portable: runs in
 * Node, React Native and browsers; Node-only pieces live behind separate entry points
 * (`@bluezone/client/sqlite`).
 */

export type * from './ble/ble-plx-api';
export * from './ble/ble-plx-transport';
export type * from './ble/ble-transport';
export * from './ble/memory-radio';
export * from './bluezone-client';
export * from './client-error';
export * from './configuration/served-calibration';
export * from './configuration/served-configuration';
export * from './environment';
export * from './exposure/exposure-check';
export { type DayCloseEstimate, keyReadings, LIKELY_PROBABILITY } from './exposure/exposure-proximity';
export { type HeardScan, heardScansOf } from './exposure/heard-evidence';
export * from './exposure/scan-census';
export * from './exposure/scan-record-sightings';
export * from './field-test/field-test-mode';
export * from './key-schedule';
export * from './phone-calibration';
export * from './report/decoy-traffic';
export * from './report/key-server-client';
export * from './report/positive-report';
export * from './report/retry';
export * from './rollout/checkpoint-gate-client';
export * from './rollout/checkpoint-pass';
export * from './rollout/gatekeeper-check';
export * from './rollout/radio-listener';
export * from './sighting-recorder';
export type * from './storage/client-store';
export * from './storage/expo-sqlite-executor';
export * from './storage/indexed-db-store';
export * from './storage/memory-store';
export type * from './storage/sql-executor';
export * from './storage/sql-store';
