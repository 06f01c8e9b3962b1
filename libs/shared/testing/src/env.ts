// Set by jest-global-setup.mjs before any test file runs (or by the developer, to use given servers).
function required(name: string, what: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: ${what} for tests comes from libs/shared/testing/jest-global-setup.mjs ` +
        `(the integration and e2e jest projects run it), or set ${name} yourself`,
    );
  }
  return value;
}

/** The admin URL of the test PostgreSQL server (it may create and drop databases). */
export const testDatabaseUrl = (): string => required('TEST_DATABASE_URL', 'PostgreSQL');

/** The URL of the test NATS server (JetStream on). */
export const testNatsUrl = (): string => required('TEST_NATS_URL', 'NATS');
