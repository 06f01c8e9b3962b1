import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { GatewayDb, UsersTable } from './tables.js';

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;

export function findUserByUsername(
  db: Executor<GatewayDb>,
  username: string,
): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor<GatewayDb>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function existingUsernames(
  db: Executor<GatewayDb>,
  usernames: string[],
): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('username', 'in', usernames)
    .execute();
  return new Set(rows.map((row) => row.username));
}

/** Inserts users; a username already present is left as it is (seeding is idempotent). */
export async function insertUsersIfAbsent(
  db: Executor<GatewayDb>,
  users: NewUser[],
): Promise<number> {
  if (users.length === 0) return 0;
  // Counted from RETURNING: PGlite's driver reports no affected-row count for inserts.
  const inserted = await db
    .insertInto('users')
    .values(users)
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
