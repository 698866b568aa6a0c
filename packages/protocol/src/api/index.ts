/**
 * `@bluezone/protocol/api`: the HTTP contracts of the key server and the rollout toolkit, one
 * namespace per area (`keyServerApi.verify`, `unitsApi.listRoster`, …), each endpoint with its
 * method, path and zod/mini schemas (endpoint.ts), and the problem body every error answers with.
 */
export * as accountsApi from './accounts';
export * as configurationApi from './configuration';
export * from './endpoint';
export * as fieldTestApi from './field-test';
export * as firstRunApi from './first-run';
export * as keyServerApi from './key-server';
export * from './problem';
export * from './problem-codes';
export * as announcementsApi from './rollout/announcements';
export * as businessesApi from './rollout/businesses';
export * as campaignsApi from './rollout/campaigns';
export * as checkpointsApi from './rollout/checkpoints';
export * as coverageApi from './rollout/coverage';
export * as coverageTrendsApi from './rollout/coverage-trends';
export * as demoApi from './rollout/demo';
export * as drivesApi from './rollout/drives';
export * as mapsApi from './rollout/maps';
export * as mediaApi from './rollout/media';
export * as messagingApi from './rollout/messaging';
export * as postersApi from './rollout/posters';
export * as unitsApi from './rollout/units';
export * as siteApi from './site';
export * from './vocabulary';
