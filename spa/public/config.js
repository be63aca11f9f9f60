// Run-time configuration of the Gonghui web app.
// A static deployment may overwrite this file to point the app at another API,
// e.g. window.__GONGHUI_CONFIG__ = { apiBaseUrl: "https://api.example.org" };
// An empty apiBaseUrl falls back to VITE_API_BASE_URL from build time, then to the page's own origin.
window.__GONGHUI_CONFIG__ = { apiBaseUrl: "" };
