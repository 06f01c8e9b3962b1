/** One HTTP exchange with the platform, its body parsed as JSON where it is JSON. */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
  body?: string;
}

export async function request<T = unknown>(
  baseUrl: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(new URL(path, baseUrl), {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    headers: response.headers,
    body: (isJson && text ? JSON.parse(text) : text) as T,
  };
}

/** Signs in a demo account through the gateway and returns its access token. */
export async function signIn(
  baseUrl: string,
  username: string,
  password = 'guangming-demo',
): Promise<string> {
  const result = await request<{ accessToken: string }>(baseUrl, '/api/auth/token', {
    json: { username, password },
  });
  if (result.status !== 200)
    throw new Error(
      `sign-in of ${username} failed: ${result.status} ${JSON.stringify(result.body)}`,
    );
  return result.body.accessToken;
}

/** Signs in each demo account in turn; their access tokens by username. */
export async function signInAll(
  baseUrl: string,
  usernames: readonly string[],
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of usernames) tokens[username] = await signIn(baseUrl, username);
  return tokens;
}

/**
 * `request` bound to a base URL that is known only once the platform runs (it starts in
 * `beforeAll`): `baseUrl` is read at each call.
 */
export const requestTo =
  (baseUrl: () => string) =>
  <T = unknown>(path: string, options: RequestOptions = {}): Promise<HttpResult<T>> =>
    request<T>(baseUrl(), path, options);
