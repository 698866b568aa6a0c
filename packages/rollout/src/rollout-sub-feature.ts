/**
 * A capability of the toolkit (units, coverage, checkpoints, …) as a part of the one `rollout`
 * server feature: the same shape as a key-server Feature, composed by rollout-feature.ts. Its
 * migrations are keyed `NNNN_name` with numbers shared across the package, and recorded as
 * `rollout/NNNN_name`.
 */
import type { Feature } from '@bluezone/server';

export type RolloutSubFeature = Feature;
