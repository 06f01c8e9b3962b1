export * from './auth-config.js';
export * from './token-verifier.js';
export * from './demo-token-issuer.js';
export * from './password.js';
