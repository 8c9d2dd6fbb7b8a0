/** The API as the console calls it: JSON in and out, the session cookie, one error shape. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { fields?: Array<{ path: string; message: string }> } & Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
  /** The message for one form field, matched on the end of its path ("body.email" -> "email"). */
  fieldMessage(field: string): string | undefined {
    return this.body.details?.fields?.find((f) => f.path === field || f.path.endsWith(`.${field}`))?.message;
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = (data as { error?: ApiErrorBody } | undefined)?.error ?? {
      code: 'internal',
      message: res.statusText,
    };
    throw new ApiError(res.status, err);
  }
  return data as T;
}

export const get = <T>(url: string): Promise<T> => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown): Promise<T> => api<T>('POST', url, body ?? {});
