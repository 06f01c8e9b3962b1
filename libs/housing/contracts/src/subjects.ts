/** NATS subjects of the housing service's request–reply API (before any NATS_PREFIX). */
export const HOUSING_SUBJECTS = {
  listProjects: 'housing.rpc.list-projects',
  overview: 'housing.rpc.overview',
  simulate: 'housing.rpc.simulate',
  listUnits: 'housing.rpc.list-units',
  createApplication: 'housing.rpc.create-application',
  getApplication: 'housing.rpc.get-application',
  listApplications: 'housing.rpc.list-applications',
  withdrawApplication: 'housing.rpc.withdraw-application',
  explainApplication: 'housing.rpc.explain-application',
  createRound: 'housing.rpc.create-round',
  getRound: 'housing.rpc.get-round',
  acceptOffer: 'housing.rpc.accept-offer',
  declineOffer: 'housing.rpc.decline-offer',
} as const;
