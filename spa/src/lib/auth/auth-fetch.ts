//! The fetch used by the API client: adds the bearer token, and on a 401 refreshes the token once
//! (single-flight: concurrent 401s share one refresh call) and retries the request once.

/** What the auth fetch needs from the token store (an interface so tests can fake it). */
export interface TokenSource {
  getAccessToken(): string | null;
  getRefreshToken(): string | null;
  clear(reason: 'expired'): void;
}

export interface AuthFetchOptions {
  /** The network fetch. */
  baseFetch: (request: Request) => Promise<Response>;
  /**
   * Exchanges the stored refresh token for a new access token (and stores both); null when the server
   * refuses the refresh token; throws on a network failure (the session is then kept).
   */
  refresh: () => Promise<string | null>;
  tokens: TokenSource;
}

/** Endpoints that never carry a bearer token nor trigger a refresh. */
const PUBLIC_PATHS = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/token', '/api/v1/auth/logout'];

function isPublic(url: string): boolean {
  const path = new URL(url).pathname;
  return PUBLIC_PATHS.some((p) => path.endsWith(p));
}

function withToken(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/** Builds a fetch with quiet token refresh; see the module doc. */
export function createAuthFetch({ baseFetch, refresh, tokens }: AuthFetchOptions) {
  let inflight: Promise<string | null> | null = null;

  /** One refresh at a time: everyone waiting gets the same promise. */
  function refreshOnce(): Promise<string | null> {
    if (!inflight) {
      inflight = refresh().finally(() => {
          inflight = null;
        });
    }
    return inflight;
  }

  /** Waits for the running refresh or starts one; a network failure counts as "no new token yet". */
  async function awaitRefresh(): Promise<{ token: string | null; refused: boolean }> {
    try {
      const token = await (inflight ?? refreshOnce());
      return { token, refused: token === null };
    } catch {
      return { token: null, refused: false };
    }
  }

  return async function authFetch(request: Request): Promise<Response> {
    if (isPublic(request.url)) return baseFetch(request);

    // Keep a pristine copy: a body can be read only once.
    const retry = request.clone();
    let token = tokens.getAccessToken();
    if (!token && tokens.getRefreshToken()) {
      // After a reload only the refresh token is left.
      const outcome = await awaitRefresh();
      if (outcome.refused && tokens.getRefreshToken()) tokens.clear('expired');
      token = outcome.token;
    }
    const response = await baseFetch(withToken(request, token));
    if (response.status !== 401 || !tokens.getRefreshToken()) return response;

    // Another request may already have refreshed while this one was on the wire.
    const current = tokens.getAccessToken();
    let fresh: string | null;
    if (!inflight && current && current !== token) {
      fresh = current;
    } else {
      const outcome = await awaitRefresh();
      if (outcome.refused && tokens.getRefreshToken()) tokens.clear('expired');
      fresh = outcome.token;
    }
    if (!fresh) return response;
    return baseFetch(withToken(retry, fresh));
  };
}
