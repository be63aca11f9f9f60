//! Tokens: the access token lives only in memory, the refresh token in localStorage so a reload
//! (or a new tab) can get a fresh access token without asking for the password again.

const REFRESH_KEY = 'gonghui.refresh_token';

/** Why the session ended; the app shell shows a message for `expired`. */
export type SessionEndReason = 'logout' | 'expired';

type Listener = (reason: SessionEndReason) => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

export const tokenStore = {
  getAccessToken(): string | null {
    return accessToken;
  },
  getRefreshToken(): string | null {
    try {
      return localStorage.getItem(REFRESH_KEY);
    } catch {
      return null;
    }
  },
  /** Stores a fresh token pair; `refreshToken` null keeps the stored one. */
  setTokens(access: string, refreshToken: string | null | undefined): void {
    accessToken = access;
    if (refreshToken) {
      try {
        localStorage.setItem(REFRESH_KEY, refreshToken);
      } catch {
        // Private mode without storage: the session then lasts as long as the page.
      }
    }
  },
  hasSession(): boolean {
    return accessToken !== null || this.getRefreshToken() !== null;
  },
  /** Forgets both tokens and tells the listeners why. */
  clear(reason: SessionEndReason): void {
    accessToken = null;
    try {
      localStorage.removeItem(REFRESH_KEY);
    } catch {
      // nothing stored
    }
    listeners.forEach((listener) => listener(reason));
  },
  onSessionEnd(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export type TokenStore = typeof tokenStore;
