// The demo web users `npm start` creates on a fresh clone, and only there.
import { createTestContext } from '@bluezone/test-support/server';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS, demoUsersAllowed, seedDemoUsers } from '../../src/access/demo-users';
import { districtServerFeatures } from '../../src/district-server';
import { loadRolloutConfig } from '../../src/rollout-config';

describe('demo users', () => {
  it('are created only on the embedded SQLite in the default data dir with demo data on, and only once', async () => {
    const t = await createTestContext('sqlite', {}, { features: districtServerFeatures({}) });
    try {
      const config = loadRolloutConfig({});
      const cwd = t.config.dataDir.replace(/\/[^/]+$/, '');
      const asDefault = { ...t.ctx, config: { ...t.ctx.config, dataDir: `${cwd}/data` } };
      expect(demoUsersAllowed(t.ctx, config, cwd)).toBe(false);
      expect(demoUsersAllowed(asDefault, config, cwd)).toBe(true);
      expect(demoUsersAllowed(asDefault, loadRolloutConfig({ ROLLOUT_SEED_DEMO: 'false' }), cwd)).toBe(false);
      expect(await seedDemoUsers(t.ctx, config, cwd)).toBe(0);
      expect(await seedDemoUsers(asDefault, config, cwd)).toBe(DEMO_USERS.length);
      expect(await seedDemoUsers(asDefault, config, cwd)).toBe(0);
    } finally {
      await t.cleanup();
    }
    // Five users hashed at the production scrypt cost (N=2^17, 128 MiB each): CPU- and memory-bound
    // work, not waiting — about 0.5 s of CPU a hash, 9–13 s of wall time on a loaded 2-core machine (5 hashes
    // 47–66 s at load 16). The bound only guards against a hang.
  }, 600_000);
});
