/**
 * The one error type of the platform. Services throw it; the RPC layer carries it across NATS
 * as a plain object; the gateway maps it to an RFC 9457 problem detail by its code.
 */
export const ERROR_CODES = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one field (or rule) of the input; `path` is a dotted path into the body. */
export interface FieldError {
  path: string;
  message: string;
  /** Machine-readable rule name, e.g. `policy.max-duration`. */
  code?: string;
  /** The rule's limit or expected value, where one exists. */
  limit?: unknown;
}

/** The wire form of an AppError: what crosses NATS and what the gateway reads. */
export interface SerializedAppError {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  /** A finer type than the code, e.g. `booking-overlap`; becomes part of the problem `type`. */
  type?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly type?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  toJSON(): SerializedAppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.errors.length ? { errors: this.errors } : {}),
      ...(this.type ? { type: this.type } : {}),
    };
  }

  static invalid(message: string, errors: FieldError[] = [], type?: string): AppError {
    return new AppError('invalid-input', message, errors, type);
  }
  static notFound(what: string, id: string): AppError {
    return new AppError('not-found', `${what} ${id} does not exist`);
  }
  static forbidden(message = 'not allowed for this identity'): AppError {
    return new AppError('forbidden', message);
  }
  static unauthenticated(message = 'a valid access token is required'): AppError {
    return new AppError('unauthenticated', message);
  }
  static conflict(message: string, type?: string, errors: FieldError[] = []): AppError {
    return new AppError('conflict', message, errors, type);
  }
  static unavailable(message: string): AppError {
    return new AppError('unavailable', message);
  }

  /** Rebuilds an AppError from its wire form; anything unrecognised becomes `internal`. */
  static fromJSON(value: unknown): AppError {
    if (isSerializedAppError(value)) {
      return new AppError(value.code, value.message, value.errors ?? [], value.type);
    }
    return new AppError('internal', 'unexpected error');
  }
}

export function isSerializedAppError(value: unknown): value is SerializedAppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SerializedAppError).code === 'string' &&
    (value as SerializedAppError).code in ERROR_CODES &&
    typeof (value as SerializedAppError).message === 'string'
  );
}
