import { v5 as uuidv5 } from 'uuid';

// Demo seeds in different services (units, departments, accounts) must agree on ids without
// calling each other, so seeded ids are UUIDv5 of a kind and a code.
const NAMESPACE = '6f1c2a57-3b8e-4d0a-9a41-5e2b8f0c7d13';

export function stableId(kind: string, code: string): string {
  return uuidv5(`${kind}:${code}`, NAMESPACE);
}
