import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveServiceName, serviceNameFromEntryScript } from '../otel-sdk.mjs';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('service name of the otel hook', () => {
  it('derives it from the package of the entry script', () => {
    expect(serviceNameFromEntryScript(join(root, 'apps/resources/dist/main.js'))).toBe('resources');
    expect(serviceNameFromEntryScript(join(root, 'libs/shared/telemetry/otel-hook.mjs'))).toBe(
      'shared-telemetry',
    );
    expect(serviceNameFromEntryScript(undefined)).toBeUndefined();
  });

  it('prefers OTEL_SERVICE_NAME', () => {
    expect(
      resolveServiceName(
        { OTEL_SERVICE_NAME: 'triage' },
        join(root, 'apps/resources/dist/main.js'),
      ),
    ).toBe('triage');
    expect(resolveServiceName({}, join(root, 'apps/housing/dist/main.js'))).toBe('housing');
  });

  it('falls back to the OpenTelemetry default outside any package', () => {
    expect(resolveServiceName({}, '/main.js')).toBe('unknown_service:node');
  });
});
