# syntax=docker/dockerfile:1
#
# The Gonghui API image: `gonghui` on debian:bookworm-slim, running as a non-root user.
# Build from the repository root (the compose file does this):
#   docker build -f deploy/api.Dockerfile -t gonghui-api .
# On start it runs `gonghui migrate` and then `gonghui serve --bind 0.0.0.0:8080`
# (see deploy/docker-entrypoint.sh); any other arguments run that subcommand instead, e.g.
#   docker compose run --rm api create-admin --username admin --password-stdin

# ---- build ------------------------------------------------------------------
FROM rust:1-bookworm AS builder

# libpq-dev for diesel's postgres backend; SQLite is bundled (libsqlite3-sys "bundled") and only
# needs the C compiler the rust image already has.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build
# The whole workspace (minus .dockerignore): cargo reads every member's manifest, and the API embeds
# its migrations (api/migrations) at compile time.
COPY . .

# Cache mounts keep the crates.io index, downloaded crates and compiled dependencies between builds
# (BuildKit, the default builder since Docker 23). The binary is copied out of the cached target dir
# because cache mounts are not part of the image.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/build/target \
    cargo build --release -p gonghui-api --locked \
    && install -D -m 0755 target/release/gonghui /out/gonghui

# ---- runtime ----------------------------------------------------------------
FROM debian:bookworm-slim AS runtime

# libpq5: the postgres client library the binary links; ca-certificates: TLS to a managed database;
# curl: the HEALTHCHECK below (about 1 MB with --no-install-recommends).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 gonghui \
    && useradd --system --uid 10001 --gid gonghui --home-dir /data --no-create-home \
       --shell /usr/sbin/nologin gonghui \
    && install -d -o gonghui -g gonghui -m 0750 /data

COPY --from=builder /out/gonghui /usr/local/bin/gonghui
COPY --chmod=0755 deploy/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh

# /data holds the SQLite file (when DATABASE_URL is unset), the generated development JWT secret
# (SQLite only; PostgreSQL needs GONGHUI_JWT_SECRET) and uploads.
WORKDIR /data
VOLUME ["/data"]
USER gonghui:gonghui

# Two malloc arenas: glibc otherwise keeps one per thread and memory freed after a large import
# stays with the process (measured: 913 MiB peak over ten rounds of three imports, 577 MiB with two).
ENV MALLOC_ARENA_MAX=2 \
    GONGHUI_DATA_DIR=/data \
    GONGHUI_LOG_FORMAT=json \
    RUST_LOG=info

EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1

ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["serve"]
