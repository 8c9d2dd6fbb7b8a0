import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, statusFor, type ErrorCode } from '../errors';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function zodIssues(err: ZodError): Array<{ path: string; message: string }> {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/** Turns anything thrown into the one error shape; a 5xx never says more than "something went wrong". */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError)
    return { status: err.status, body: errorBody(err.code, err.message, err.details) };
  if (err instanceof ZodError) {
    return {
      status: 400,
      body: errorBody('validation_failed', 'Some fields are missing or not valid.', {
        fields: zodIssues(err),
      }),
    };
  }
  const fe = err as Partial<FastifyError> & { statusCode?: number };
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('payload_too_large', 'The request is too large.') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: errorBody('unsupported_media_type', 'This content type is not accepted here.'),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: errorBody('malformed_json', 'The request body is not valid JSON.') };
    default:
      break;
  }
  if (fe.statusCode === 429) {
    return {
      status: 429,
      body: errorBody('rate_limited', 'Too many requests. Please wait a moment and try again.'),
    };
  }
  if (err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message ?? ''))) {
    return { status: 400, body: errorBody('malformed_json', 'The request body is not valid JSON.') };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 404 ? 'not_found' : fe.statusCode === 413 ? 'payload_too_large' : 'bad_request';
    return { status: statusFor(code), body: errorBody(code, fe.message ?? 'Bad request.') };
  }
  return {
    status: 500,
    body: errorBody('internal', 'Something went wrong on our side. It has been logged.'),
  };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500)
      req.log.error(
        { err: { type: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack } },
        'request failed',
      );
    void reply.status(status).type('application/json').send(body);
  });
}
