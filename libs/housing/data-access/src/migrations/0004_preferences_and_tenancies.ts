import { sql, type Kysely } from 'kysely';

// Frozen: this file describes the schema as it was on the day it was written.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Ranked lists of unit types ({projectId, bedrooms?}); older applications ranked projects only.
  await db.schema
    .alterTable('applications')
    .addColumn('preferences', 'jsonb')
    // An existing tenant's unit, traded in YRMH-IGYT rounds.
    .addColumn('current_unit_id', 'uuid', (c) => c.references('units.id'))
    // Read by project priorities (deferred acceptance).
    .addColumn('subdistrict', 'text')
    // The declared hukou / social-insurance start (户籍/社保起始日).
    .addColumn('social_insurance_since', 'date')
    .execute();
  await sql`
    update ${sql.table('applications')} set ${sql.ref('preferences')} = coalesce(
      (select jsonb_agg(jsonb_build_object('projectId', p.id) order by p.n)
         from jsonb_array_elements_text(${sql.ref('preferred_project_ids')}) with ordinality as p(id, n)),
      '[]'::jsonb)
  `.execute(db);
  await db.schema
    .alterTable('applications')
    .alterColumn('preferences', (c) => c.setNotNull())
    .execute();

  // A tenant's home may be offered in the run that moves the tenant, before the move is accepted:
  // a unit has at most one open offer and at most one current tenancy, no longer one of either.
  await db.schema.dropIndex('offers_one_live_per_unit').execute();
  await db.schema
    .createIndex('offers_one_open_per_unit')
    .on('offers')
    .column('unit_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('offers_one_tenancy_per_unit')
    .on('offers')
    .column('unit_id')
    .unique()
    .where(sql<boolean>`${sql.ref('status')} = 'accepted' and ${sql.ref('ended_at')} is null`)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('offers_one_tenancy_per_unit').execute();
  await db.schema.dropIndex('offers_one_open_per_unit').execute();
  await db.schema
    .createIndex('offers_one_live_per_unit')
    .on('offers')
    .column('unit_id')
    .unique()
    .where(
      sql<boolean>`${sql.ref('status')} = 'open' or (${sql.ref('status')} = 'accepted' and ${sql.ref('ended_at')} is null)`,
    )
    .execute();
  await db.schema
    .alterTable('applications')
    .dropColumn('social_insurance_since')
    .dropColumn('subdistrict')
    .dropColumn('current_unit_id')
    .dropColumn('preferences')
    .execute();
}
