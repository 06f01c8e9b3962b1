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

/** One `Idempotency-Key` of one caller: in progress while `response_status` is null. */
export interface IdempotencyKeysTable {
  caller: string;
  key: string;
  fingerprint: string;
  response_status: number | null;
  response_body: ColumnType<unknown, string | null, string | null>;
  response_headers: ColumnType<Record<string, string> | null, string | null, string | null>;
  created_at: Generated<Date>;
  expires_at: Date;
}

/** The gateway schema as Kysely sees it. */
export interface GatewayDb {
  users: UsersTable;
  idempotency_keys: IdempotencyKeysTable;
}
