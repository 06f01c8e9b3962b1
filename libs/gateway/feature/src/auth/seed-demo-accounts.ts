import { hashPassword } from '@gm/shared-auth';
import type { Executor } from '@gm/shared-db';
import { existingUsernames, insertUsersIfAbsent, type NewUser } from '../data/user.repository.js';
import type { GatewayDb } from '../data/tables.js';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  demoDepartmentId,
  demoUnitId,
  demoUserId,
} from './demo-accounts.js';

/**
 * Creates the demo accounts that do not exist yet and returns how many it created. Running it
 * again changes nothing; only missing accounts pay for a password hash.
 */
export async function seedDemoAccounts(db: Executor<GatewayDb>): Promise<number> {
  const present = await existingUsernames(
    db,
    DEMO_ACCOUNTS.map((account) => account.username),
  );
  const missing = DEMO_ACCOUNTS.filter((account) => !present.has(account.username));
  const rows: NewUser[] = await Promise.all(
    missing.map(async (account) => ({
      id: demoUserId(account.username),
      username: account.username,
      password_hash: await hashPassword(DEMO_PASSWORD),
      roles: account.roles,
      unit_id: account.unitCode ? demoUnitId(account.unitCode) : null,
      department_id: account.departmentCode ? demoDepartmentId(account.departmentCode) : null,
      display_name: account.displayName,
    })),
  );
  return insertUsersIfAbsent(db, rows);
}
