// Types of otel-sdk.mjs, for src/start-telemetry.ts.

export interface OtelSdkHandle {
  /** The service.name the SDK was started with (the first start wins). */
  readonly serviceName: string;
  /** Flushes pending spans and stops the SDK; repeated calls share one shutdown. */
  shutdown(): Promise<void>;
}

export declare const INSTRUMENTED_MODULES: readonly string[];

export declare function startOtelSdk(options: { serviceName: string }): OtelSdkHandle;

export declare function resolveServiceName(
  env?: Record<string, string | undefined>,
  entryScript?: string,
): string;

export declare function serviceNameFromEntryScript(
  entryScript: string | undefined,
): string | undefined;
