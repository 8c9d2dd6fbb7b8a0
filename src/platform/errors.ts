/**
 * The one catalogue of errors a client can see. Each code has a stable HTTP status;
 * `{ error: { code, message, details? } }` is the only error shape the API returns.
 */
export type ErrorCode =
  | 'bad_request'
  | 'malformed_json'
  | 'validation_failed'
  | 'unauthenticated'
  | 'second_factor_required'
  | 'enrolment_required'
  | 'invalid_credentials'
  | 'account_locked'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'bad_request':
    case 'malformed_json':
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
    case 'second_factor_required':
    case 'enrolment_required':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'account_locked':
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
  }
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return statusFor(this.code);
  }
}

export const notFound = (what = 'record'): AppError =>
  new AppError('not_found', `No such ${what}, or you do not have access to it.`);

export const conflict = (message: string, details?: unknown): AppError =>
  new AppError('conflict', message, details);

export interface FieldIssue {
  path: string;
  message: string;
}

export const validationFailed = (issues: FieldIssue[]): AppError =>
  new AppError('validation_failed', 'Some fields are missing or not valid.', { fields: issues });

/** An error for people at a terminal: printed as one line, exit code 1, no stack trace. */
export class FatalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalError';
  }
}
