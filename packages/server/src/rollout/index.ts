/** The district rollout toolkit's public API (what the CLI and embedding programs use). */
export * from './announcement';
export * from './announcement-audio';
export * from './campaign-schedule';
export * from './coverage';
export * from './coverage-export';
export * from './install-attestation';
export * from './message-template';
export * from './nam-dong-seed';
export * from './poster-pdf';
export * from './rollout-access';
export * from './rollout-config';
export * from './rollout-error';
export * from './sms-segments';
export * from './unit';
export * from './unit-csv';
export * from './unit-repository';
export * from './vn-phone';
