/** API keys have no routes of their own (keys are created with `bluezone apikey create`). */
import type { Feature } from '../feature';
import { apiKeyMigrations } from './apikeys-migrations';

export const apiKeysFeature: Feature = { name: 'apikeys', migrations: apiKeyMigrations };
