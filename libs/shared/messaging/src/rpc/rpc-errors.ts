import { Logger } from '@nestjs/common';
import { AppError, isSerializedAppError, type SerializedAppError } from '@gm/shared-errors';

const logger = new Logger('Rpc');

/** What the caller sees of an unexpected error: never its message, stack or SQL. */
export const INTERNAL_REPLY: SerializedAppError = Object.freeze({
  code: 'internal',
  message: 'unexpected error',
});

/** The wire form of an error thrown while serving `subject`; anything but an AppError is logged and hidden. */
export function toErrorReply(error: unknown, subject: string): SerializedAppError {
  if (error instanceof AppError) return error.toJSON();
  const { message, stack } =
    error instanceof Error ? error : { message: String(error), stack: undefined };
  logger.error(`${subject} failed: ${message}`, stack);
  return INTERNAL_REPLY;
}

export function notAnswered(service: string): AppError {
  return AppError.unavailable(`${service} did not answer in time`);
}

/**
 * The AppError behind whatever the NATS client raised: a service's error reply comes back intact;
 * a transport failure (no responders, connection lost) means the service is unavailable.
 */
export function fromErrorReply(error: unknown, service: string): AppError {
  if (isSerializedAppError(error)) return AppError.fromJSON(error);
  if ((error as { code?: unknown } | null)?.code === 'MAX_PAYLOAD_EXCEEDED') {
    return new AppError(
      'payload-too-large',
      'the request is larger than the message size NATS allows',
    );
  }
  if (error instanceof Error || typeof error === 'string') return notAnswered(service);
  // An object in no format of ours: fromJSON makes it `internal`.
  return AppError.fromJSON(error);
}
