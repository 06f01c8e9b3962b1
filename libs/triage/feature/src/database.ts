import { Inject } from '@nestjs/common';
import { DATABASE, type Database } from '@gm/shared-db';
import type { TriageDB } from '@gm/triage-data-access';

export type TriageDatabase = Database<TriageDB>;

/** Injects the service's database, typed with the `triage` schema. */
export const InjectTriageDatabase = () => Inject(DATABASE);
