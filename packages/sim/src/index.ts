/**
 * @bluezone/sim: a virtual district of phones running the Bluezone SDK, with a radio model
 * fitted to real BLE measurements, ground-truth contacts, an epidemic and accuracy reports.
 */
export * from './prng';
export * from './radio/mit-matrix';
export * from './radio/radio-fit';
export * from './radio/radio-model';
export * from './radio/radio-validation';
export * from './shared-data';
export * from './sim-error';
