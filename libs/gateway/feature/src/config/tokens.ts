/** Nest token of the gateway's parsed, frozen configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
