/** NATS subjects of the housing service's request–reply API (before any NATS_PREFIX). */
export const HOUSING_SUBJECTS = {
  listProjects: 'housing.rpc.list-projects',
  overview: 'housing.rpc.overview',
  simulate: 'housing.rpc.simulate',
} as const;
