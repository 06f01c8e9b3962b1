/** NATS subjects of the triage service's request–reply API (before any NATS_PREFIX). */
export const TRIAGE_SUBJECTS = {
  listDepartments: 'triage.rpc.list-departments',
  listCategories: 'triage.rpc.list-categories',
  overview: 'triage.rpc.overview',
  createTicket: 'triage.rpc.create-ticket',
  listTickets: 'triage.rpc.list-tickets',
  getTicket: 'triage.rpc.get-ticket',
  assignTicket: 'triage.rpc.assign-ticket',
  acceptTicket: 'triage.rpc.accept-ticket',
  returnTicket: 'triage.rpc.return-ticket',
  reviewReturn: 'triage.rpc.review-return',
  resolveTicket: 'triage.rpc.resolve-ticket',
  confirmTicket: 'triage.rpc.confirm-ticket',
  createSession: 'triage.rpc.create-session',
  addToAgenda: 'triage.rpc.add-to-agenda',
  metrics: 'triage.rpc.metrics',
} as const;
