/**
 * @bluezone/sim: a virtual district of phones running the Bluezone SDK, with a radio model
 * fitted to real BLE measurements, ground-truth contacts, an epidemic and accuracy reports.
 */
export * from './prng';
export * from './proximity/contact-synthesis';
export * from './proximity/mit-matrix-sightings';
export * from './proximity/pair-accuracy';
export * from './proximity/proximity-estimation';
export * from './proximity/proximity-evaluation';
export * from './proximity/proximity-fit';
export * from './proximity/proximity-scoring';
export * from './proximity/proximity-tuning';
export * from './proximity/proximity-validation';
export * from './proximity/scan-spread';
export * from './proximity/setting-band-shares';
export * from './proximity/setting-synthesis';
export * from './proximity/sightings-by-receiver';
export * from './proximity/sightings-csv';
export * from './proximity/sightings-file';
export * from './proximity/social-settings';
export * from './proximity/static-recordings';
export * from './radio/mit-matrix';
export * from './radio/mit-matrix-fit';
export * from './radio/radio-fit';
export * from './radio/radio-model';
export * from './radio/radio-validation';
export * from './radio/tram-check';
export * from './report/report-html';
export * from './report/simulation-report';
export * from './report/time-to-notification';
export * from './scenario/nam-dong';
export * from './scenario/scenario';
export * from './shared-data';
export * from './sim-error';
export * from './simulation/contact-ledger';
export * from './simulation/epidemic';
export * from './simulation/export-feed';
export * from './simulation/memory-blob-store';
export * from './simulation/phone-fleet';
export * from './simulation/preview-sample';
export * from './simulation/sim-crypto-backend';
export * from './simulation/sim-key-server';
export * from './simulation/sim-radio';
export * from './simulation/simulation';
export * from './world/daily-schedule';
export * from './world/population';
