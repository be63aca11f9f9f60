# syntax=docker/dockerfile:1
#
# The Gonghui web app: the Vite build of spa/ served by nginx, which also proxies the API paths to
# the `api` service (deploy/nginx.conf). Build from the repository root (the compose file does this):
#   docker build -f deploy/spa.Dockerfile -t gonghui-spa .

# ---- build ------------------------------------------------------------------
FROM node:20-bookworm AS build

WORKDIR /src/spa
# Dependencies first, so editing the app does not reinstall them.
COPY spa/package.json spa/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

COPY spa/ ./
# The SPA's API types come from ../openapi/openapi.json (openapi-typescript).
COPY openapi/ ../openapi/
RUN npm run build

# ---- runtime ----------------------------------------------------------------
FROM nginx:stable AS runtime

COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/spa/dist /usr/share/nginx/html

EXPOSE 80
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1/ || exit 1
