/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API base URL baked in at build time; public/config.js may override it at run time. */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
