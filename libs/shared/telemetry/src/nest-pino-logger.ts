import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/** Nest's stack-trace shape, as its ConsoleLogger recognises one. */
const STACK_PATTERN = /^(.)+\n\s+at .+:\d+:\d+/;

interface NestLogCall {
  context?: string;
  stack?: string;
  rest: unknown[];
}

/**
 * Nest's logger interface over pino, for `NestFactory.create(…, { logger })` and
 * `app.useLogger`: Nest's context becomes a `context` field, an error's stack a `stack` field.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, splitParams(optionalParams, false));
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, splitParams(optionalParams, true));
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, splitParams(optionalParams, false));
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, splitParams(optionalParams, false));
  }
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, splitParams(optionalParams, false));
  }
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, splitParams(optionalParams, true));
  }

  private write(level: Level, message: unknown, call: NestLogCall): void {
    const fields: Record<string, unknown> = {};
    if (call.context) fields['context'] = call.context;
    if (call.rest.length) fields['args'] = call.rest;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...withStack(call.stack), ...message });
    } else {
      this.logger[level]({ ...fields, ...withStack(call.stack) }, String(message));
    }
  }
}

/**
 * Nest passes the context last (`log(msg, context)`) and, for errors, the stack before it
 * (`error(msg, stack, context)`); a lone string after an error message is a stack only if
 * it looks like one.
 */
function splitParams(params: unknown[], mayHaveStack: boolean): NestLogCall {
  const rest = [...params];
  const last = rest.at(-1);
  const loneStack =
    mayHaveStack && rest.length === 1 && typeof last === 'string' && STACK_PATTERN.test(last);
  const context = typeof last === 'string' && !loneStack ? (rest.pop() as string) : undefined;
  const candidate = rest.at(-1);
  const stack =
    mayHaveStack && rest.length > 0 && (typeof candidate === 'string' || candidate === undefined)
      ? (rest.pop() as string | undefined)
      : undefined;
  return { context, stack, rest };
}

function withStack(stack: string | undefined): Record<string, unknown> {
  return stack ? { stack } : {};
}
