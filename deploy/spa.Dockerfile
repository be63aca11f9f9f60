# syntax=docker/dockerfile:1
#
# The Gonghui web app: the Vite build of spa/ served by nginx over HTTPS, which also proxies the API
# paths to the `api` service (deploy/nginx.conf). Build from the repository root (the compose file does
# this):
#   docker build -f deploy/spa.Dockerfile -t gonghui-spa .
# At run time it needs the certificate folder at /etc/nginx/certs (fullchain.pem, privkey.pem) and
# GONGHUI_HTTPS_PORT, the published HTTPS port the HTTP redirect points to.

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

# The image's entrypoint fills in ${GONGHUI_...} and writes /etc/nginx/conf.d/default.conf (replacing
# the stock one); the filter (a name prefix in every version of that entrypoint) leaves nginx's own
# $variables alone.
COPY deploy/nginx.conf /etc/nginx/templates/default.conf.template
ENV NGINX_ENVSUBST_FILTER=GONGHUI_ \
    GONGHUI_HTTPS_PORT=443
COPY --from=build /src/spa/dist /usr/share/nginx/html

EXPOSE 80 443
# Over HTTPS (port 80 only redirects); -k: the name in the certificate is not 127.0.0.1.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD curl -fsSk -o /dev/null https://127.0.0.1/ || exit 1
