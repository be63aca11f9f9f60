#!/bin/sh
# Entrypoint of the API image.
#   (no arguments) or `serve [flags]`: apply pending migrations, then serve on 0.0.0.0:8080
#   anything else: run that gonghui subcommand as is (migrate, create-admin, demo, openapi, ...)
set -eu

if [ "$#" -eq 0 ]; then
    set -- serve
fi

if [ "$1" = "serve" ]; then
    shift
    # Migrations run before the listener opens, so /readyz only answers once the schema is current.
    gonghui migrate
    # exec: gonghui becomes PID 1 and gets docker's SIGTERM for a graceful actix shutdown.
    exec gonghui serve --bind 0.0.0.0:8080 "$@"
fi

exec gonghui "$@"
