/** NATS subjects of the triage service's request–reply API (before any NATS_PREFIX). */
export const TRIAGE_SUBJECTS = {
  listDepartments: 'triage.rpc.list-departments',
  listCategories: 'triage.rpc.list-categories',
  overview: 'triage.rpc.overview',
} as const;
