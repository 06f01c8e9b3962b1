import { Injectable } from '@nestjs/common';
import { listDepartments, toDepartment } from '@gm/triage-data-access';
import type { Department } from '@gm/triage-contracts';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';

/** The departments tickets can be assigned to, in code order. */
@Injectable()
export class ListDepartmentsUseCase {
  constructor(@InjectTriageDatabase() private readonly database: TriageDatabase) {}

  async execute(): Promise<{ items: Department[] }> {
    const rows = await listDepartments(this.database.db);
    return { items: rows.map(toDepartment) };
  }
}
