"""Schemathesis hooks for the contract run (tests/contract/run.sh loads this file via SCHEMATHESIS_HOOKS).

Two checks of the project's own conventions (README "API", DESIGN.md "HTTP contract") that no built-in
schemathesis check knows about. Both are enabled by `--checks all` like the built-in ones.

* `problem_json_error_body`: every 4xx/5xx answer, documented or not, is `application/problem+json` with
  `type`, `title`, `status` (equal to the HTTP status), `detail`, a `code` from the spec's `ErrorCode`
  enum and the `request_id` (equal to the `X-Request-Id` header). The built-in
  `response_schema_conformance` only sees statuses the spec documents; this one also covers the
  undocumented ones and the framework's own answers (extractor failures, 404 on unknown ids, 405, 413).
* `limit_within_bounds`: lists page with `limit` 1..200. A `limit` outside that range must not be
  answered with 2xx (a silently capped or ignored limit hides a client bug), and a page never holds more
  items than the limit asked for.

And one generation hook:

* `flatmap_case`: account writes (`PATCH /api/v1/accounts/{id}`) aimed at the two accounts whose tokens
  drive the run (`GONGHUI_CONTRACT_PROTECTED_ACCOUNTS`, set by run.sh) go to an unknown id instead, so the
  fuzzer cannot end the sessions the rest of the run depends on (schemathesis sends `If-Match: *`). Then
  about one generated case in ten gets a NUL character ("\\x00" or "a\\x00b") in one of
  its string values: a path parameter, a query parameter or a top-level string field of a JSON body.
  PostgreSQL text cannot hold NUL (SQLite can), so a NUL that reaches a query is a 500 on one backend
  only. Hypothesis produces NUL by chance too rarely to find that, and schemathesis never puts NUL in a
  path parameter on its own. The case's metadata is revalidated after the change, so a value that no
  longer fits its schema turns the case negative, as it should.

Each distinct problem raises from its own line: schemathesis deduplicates custom failures by the line
they were raised from, so separate lines keep separate problems apart in the report.
"""

from __future__ import annotations

import json
import os

import schemathesis
from hypothesis import strategies as st

PROBLEM_MEDIA_TYPE = "application/problem+json"
LIMIT_MIN, LIMIT_MAX = 1, 200

_error_codes: dict[int, frozenset[str]] = {}


def _header(response, name: str) -> str | None:
    values = response.headers.get(name.lower())
    if not values:
        return None
    return values[0] if isinstance(values, list) else str(values)


def _known_error_codes(case) -> frozenset[str]:
    """The `ErrorCode` enum of the document under test (empty when the document has none)."""
    raw = case.operation.schema.raw_schema
    key = id(raw)
    if key not in _error_codes:
        enum = raw.get("components", {}).get("schemas", {}).get("ErrorCode", {}).get("enum") or []
        _error_codes[key] = frozenset(str(v) for v in enum)
    return _error_codes[key]


@schemathesis.check
def problem_json_error_body(ctx, response, case):
    """Every error answer is an RFC 9457 problem with the project's stable fields."""
    status = response.status_code
    if status < 400 or case.method.upper() == "HEAD":
        return None
    content_type = _header(response, "content-type")
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != PROBLEM_MEDIA_TYPE:
        raise AssertionError(
            f"Error answer is not application/problem+json\nStatus {status} came with Content-Type {content_type!r}"
        )
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"problem+json body is not JSON\nStatus {status}") from None
    if not isinstance(body, dict):
        raise AssertionError(f"problem+json body is not an object\nStatus {status}")
    missing = [k for k in ("type", "title", "detail", "code", "request_id") if not isinstance(body.get(k), str)]
    if missing:
        raise AssertionError(f"problem+json body lacks string fields: {', '.join(missing)}\nStatus {status}")
    if body.get("status") != status:
        raise AssertionError(
            f"problem+json `status` differs from the HTTP status\n`status` is {body.get('status')!r}, HTTP {status}"
        )
    codes = _known_error_codes(case)
    if codes and body["code"] not in codes:
        raise AssertionError(f"problem+json `code` {body['code']!r} is not in the spec's ErrorCode enum")
    request_id = _header(response, "x-request-id")
    if request_id is not None and body["request_id"] != request_id:
        raise AssertionError(
            f"problem+json `request_id` differs from the X-Request-Id header\n{body['request_id']!r} vs {request_id!r}"
        )
    return None


def _sent_limit(case):
    """The `limit` query value as an int when the operation declares one and it was sent as an integer."""
    query = case.query or {}
    if "limit" not in query:
        return None
    if not any(getattr(p, "name", None) == "limit" for p in case.operation.query):
        return None
    value = query["limit"]
    if isinstance(value, list):
        if len(value) != 1:
            return None
        value = value[0]
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip(), 10)
    except ValueError:
        return None


@schemathesis.check
def limit_within_bounds(ctx, response, case):
    """`limit` is 1..200: out of range is refused, and a page never exceeds the limit."""
    limit = _sent_limit(case)
    if limit is None or not 200 <= response.status_code < 300:
        return None
    if limit > LIMIT_MAX:
        raise AssertionError(
            f"limit above {LIMIT_MAX} accepted instead of refused\nlimit={limit} answered {response.status_code}"
        )
    if limit < LIMIT_MIN:
        raise AssertionError(
            f"limit below {LIMIT_MIN} accepted instead of refused\nlimit={limit} answered {response.status_code}"
        )
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    items = body.get("items") if isinstance(body, dict) else None
    if isinstance(items, list) and len(items) > limit:
        raise AssertionError(f"page holds more items than `limit`\nlimit={limit}, {len(items)} items")
    return None


NUL_VALUES = ("\x00", "a\x00b")
NUL_ONE_IN = 10


def _string_slots(case) -> list[tuple[str, str]]:
    slots = []
    for container in ("path_parameters", "query"):
        for name, value in (getattr(case, container) or {}).items():
            if isinstance(value, str):
                slots.append((container, name))
    if isinstance(case.body, dict):
        slots += [("body", name) for name, value in case.body.items() if isinstance(value, str)]
    return slots


def _with_nul(case, slot: tuple[str, str], value: str):
    container, name = slot
    updated = dict(getattr(case, container))
    updated[name] = value
    setattr(case, container, updated)  # a new container: the case re-checks its metadata
    return case


PROTECTED_ACCOUNTS = frozenset(os.environ.get("GONGHUI_CONTRACT_PROTECTED_ACCOUNTS", "").split())
UNKNOWN_ACCOUNT = "00000000-0000-7000-8000-000000000000"


def _spare_run_accounts(case):
    params = case.path_parameters or {}
    if (
        case.method.upper() in ("PATCH", "PUT", "DELETE")
        and case.path.startswith("/api/v1/accounts/")
        and params.get("id") in PROTECTED_ACCOUNTS
    ):
        updated = dict(params)
        updated["id"] = UNKNOWN_ACCOUNT
        case.path_parameters = updated
    return case


@schemathesis.hook
def flatmap_case(context, case):
    case = _spare_run_accounts(case)
    slots = _string_slots(case)
    if not slots:
        return st.just(case)
    # Hypothesis shrinks towards 0, i.e. towards the unchanged case, so a failure that does not need the
    # NUL is reported without it.
    return st.integers(0, NUL_ONE_IN - 1).flatmap(
        lambda n: st.just(case)
        if n < NUL_ONE_IN - 1
        else st.tuples(st.sampled_from(slots), st.sampled_from(NUL_VALUES)).map(lambda t: _with_nul(case, *t))
    )
