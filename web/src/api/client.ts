// Small fetch helper for the Passerelle API. Errors are reported by the server as problem+json
// (RFC 9457: {type, title, status, detail, errors: [{field, message}]}) and thrown here as ApiError.
// The browser is authenticated by the session cookie (sent with credentials: 'same-origin'); every
// state-changing request also carries the session's anti-forgery token in X-CSRF-Token.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  /** The parsed JSON body of the failed response, if there was one. */
  readonly body?: unknown;

  constructor(status: number, problem: Problem, body?: unknown) {
    const title = problem.title || defaultTitle(status);
    super(problem.detail ? `${title} : ${problem.detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.type = problem.type || 'about:blank';
    this.title = title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.body = body;
  }
}

function defaultTitle(status: number): string {
  if (status === 0) return 'Le serveur est injoignable';
  if (status === 401) return 'Authentification requise';
  if (status === 403) return 'Accès refusé';
  if (status === 404) return 'Ressource introuvable';
  if (status >= 500) return 'Erreur du serveur';
  return `Erreur ${status}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toProblem(body: unknown): Problem {
  if (!isRecord(body)) return {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((e) => ({ field: str(e.field) ?? '', message: str(e.message) ?? '' }))
    : undefined;
  return {
    type: str(body.type),
    title: str(body.title),
    status: typeof body.status === 'number' ? body.status : undefined,
    detail: str(body.detail),
    errors,
  };
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a FormData, a File): the browser sets its Content-Type unless `contentType` is given. */
  raw?: BodyInit;
  contentType?: string;
  /** The Accept header (application/json unless told). */
  accept?: string;
  signal?: AbortSignal;
  /**
   * A 401 answer normally means that the session has ended: the application is told (see onUnauthorized) and
   * shows the sign-in page. Requests for which a 401 is an ordinary answer (signing in) set this to false.
   */
  signOutOn401?: boolean;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The anti-forgery token of the current session (null when signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a request made within a session (the session has ended). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/**
 * Calls the API and returns the response when it is 2xx; throws ApiError on a network failure or another
 * status (the problem+json body parsed). The body of a successful response is left unread.
 */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (STATE_CHANGING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (options.raw !== undefined) {
    if (options.contentType) headers['Content-Type'] = options.contentType;
    body = options.raw;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, {});
  }
  if (response.ok) return response;
  const parsed = await readJson(response);
  if (response.status === 401 && options.signOutOn401 !== false) unauthorizedHandler?.();
  throw new ApiError(response.status, toProblem(parsed), parsed);
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status === 204 || !/\bjson\b|\+json\b/i.test(type)) return undefined;
  try {
    return await response.json();
  } catch (e) {
    // Cancelled while the body was read (the page moved on): not an empty answer.
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    return undefined;
  }
}

/** Calls the API and returns the parsed JSON body; throws ApiError on a network failure or a non-2xx answer. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await readJson(await send(path, options))) as T;
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { signal });
}
