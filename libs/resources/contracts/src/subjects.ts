/** NATS subjects of the resources service's request–reply API (before any NATS_PREFIX). */
export const RESOURCES_SUBJECTS = {
  listUnits: 'resources.rpc.list-units',
  listResources: 'resources.rpc.list-resources',
  getResource: 'resources.rpc.get-resource',
  overview: 'resources.rpc.overview',
} as const;
