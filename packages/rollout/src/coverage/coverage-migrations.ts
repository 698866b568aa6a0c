/**
 * Schema of coverage after migration 0001 (units/units-migrations.ts made its tables).
 * Migration names are `rollout/NNNN_…` whatever capability holds them, never renamed.
 */
import type { MigrationSet } from '@bluezone/server';

/** The nearest area (district, commune, town, village) at or above each unit. */
function nearestAreas(units: readonly { code: string; kind: string; parent_code: string | null }[]) {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const areas = new Set(['district', 'commune', 'town', 'village']);
  const out = new Map<string, string>();
  for (const u of units) {
    let at: typeof u | undefined = u;
    for (let hops = 0; at && !areas.has(at.kind) && hops < 64; hops++) {
      at = at.parent_code === null ? undefined : byCode.get(at.parent_code);
    }
    if (at && areas.has(at.kind)) out.set(u.code, at.code);
  }
  return out;
}

export const coverageMigrations: MigrationSet = {
  /**
   * Where a person lives, apart from who brought the install in (issue: a relative living in
   * village 20161-02 was credited to the school whose student invited them, and installs brought
   * in never counted toward any unit's share). `rollout_install.unit_code` is now the home, an
   * area; `via_unit_code` the organisation or business whose QR brought the install in, and
   * `volunteer_id` the drive volunteer whose invite did (`referred_by` stays the relative).
   *
   * Existing installs counted at an organisation (its QR scanned, or invited by someone counted
   * there) did not say where they live: they move to the nearest area above the organisation
   * (the commune or town it is in), which keeps every commune's and the district's totals as
   * they were, and those that scanned the organisation's QR keep it as `via_unit_code`, so its
   * own figure is unchanged too. Their day rows move with them.
   */
  '0011_home_unit_and_referrer': {
    async up(db) {
      await db.schema.alterTable('rollout_install').addColumn('via_unit_code', 'text').execute();
      await db.schema.alterTable('rollout_install').addColumn('volunteer_id', 'integer').execute();
      await db.schema.createIndex('rollout_install_via').on('rollout_install').column('via_unit_code').execute();
      await db.schema.createIndex('rollout_install_volunteer').on('rollout_install').column('volunteer_id').execute();
      const units = (await db.selectFrom('rollout_unit').select(['code', 'kind', 'parent_code']).execute()) as {
        code: string;
        kind: string;
        parent_code: string | null;
      }[];
      const areaOf = nearestAreas(units);
      const used = (await db.selectFrom('rollout_install').select('unit_code').distinct().execute()) as {
        unit_code: string;
      }[];
      for (const { unit_code: code } of used) {
        const area = areaOf.get(code);
        if (area === undefined || area === code) continue;
        await db
          .updateTable('rollout_install')
          .set({ via_unit_code: code })
          .where('unit_code', '=', code)
          .where('brought_in', '=', 0)
          .execute();
        await db.updateTable('rollout_install').set({ unit_code: area }).where('unit_code', '=', code).execute();
        await db
          .updateTable('rollout_attestation_day')
          .set({ unit_code: area })
          .where('unit_code', '=', code)
          .execute();
      }
    },
    async down(db) {
      // Installs that came through an organisation count there again, as before 0011.
      await db
        .updateTable('rollout_install')
        .set((eb) => ({ unit_code: eb.ref('via_unit_code') }))
        .where('via_unit_code', 'is not', null)
        .execute();
      await db.schema.dropIndex('rollout_install_volunteer').execute();
      await db.schema.dropIndex('rollout_install_via').execute();
      await db.schema.alterTable('rollout_install').dropColumn('volunteer_id').execute();
      await db.schema.alterTable('rollout_install').dropColumn('via_unit_code').execute();
    },
  },
};
