/** Statistics for health authorities; reads other features' tables, owns none. */
import type { Feature } from '../feature';
import { statsRoutes } from './stats-routes';

export const statsFeature: Feature = { name: 'stats', routes: statsRoutes };
