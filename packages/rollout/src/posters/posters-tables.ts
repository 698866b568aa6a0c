/** Tables of posters: door-to-door deliveries (created by migration 0001, units/units-migrations.ts). */
import type { Generated } from 'kysely';

export interface RolloutPosterDeliveryTable {
  id: Generated<number>;
  unit_code: string;
  household: string | null;
  posters: number;
  delivered_by: string | null;
  delivered_at: number;
}

export type PostersTables = {
  rollout_poster_delivery: RolloutPosterDeliveryTable;
};
