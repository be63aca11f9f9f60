//! Where the API lives. Run-time config (public/config.js) wins over build-time VITE_API_BASE_URL;
//! empty means the page's own origin.

declare global {
  interface Window {
    __GONGHUI_CONFIG__?: { apiBaseUrl?: string | null };
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The API base URL without a trailing slash; always absolute so `new Request()` accepts it. */
export function apiBaseUrl(): string {
  const runtime = typeof window !== 'undefined' ? window.__GONGHUI_CONFIG__?.apiBaseUrl : undefined;
  const buildTime = import.meta.env.VITE_API_BASE_URL;
  const configured = (runtime && runtime.trim()) || (buildTime && buildTime.trim()) || '';
  if (configured) return trimSlash(configured);
  return typeof window !== 'undefined' ? window.location.origin : '';
}
