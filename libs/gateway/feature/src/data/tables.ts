import type { ColumnType, Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  roles: string[];
  unit_id: string | null;
  department_id: string | null;
  display_name: string;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** The gateway schema as Kysely sees it. */
export interface GatewayDb {
  users: UsersTable;
}
