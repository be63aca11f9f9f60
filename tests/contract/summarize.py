#!/usr/bin/env python3
"""Summarises one schemathesis run of tests/contract/run.sh.

Reads the run's JSON report (totals, failures grouped by kind) and its NDJSON event stream (every request
and response), and

* prints the totals: operations, test cases generated, failures by kind;
* deduplicates the failures (one per operation, kind, status and problem) and writes them as Markdown,
  each with a minimal curl reproduction and the response it got, to --findings;
* writes "<operations passed> <operations failed>" and a one-line summary to --counts for run.sh's closing
  lines. An operation passed when it was tested and no check failed on it.

Usage: summarize.py --backend NAME --json REPORT.json --ndjson EVENTS.ndjson --base-url URL
                    --openapi DOCUMENT.json --findings OUT.md --counts OUT.txt
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field

SNIPPET = 400
# Request headers that only describe the client, not the case.
NOISE_HEADERS = {"user-agent", "accept-encoding", "accept", "connection", "content-length", "x-schemathesis-testcaseid"}


@dataclass
class Finding:
    kind: str
    operation: str
    status: int | None
    problem: str
    message: str
    curl: str
    response: str
    count: int = 0
    phases: set[str] = field(default_factory=set)


def decode(payload) -> bytes:
    if payload is None:
        return b""
    if isinstance(payload, dict):
        if "$base64" in payload:
            return base64.b64decode(payload["$base64"])
        if "string" in payload:
            return payload["string"].encode()
    if isinstance(payload, str):
        return payload.encode()
    return json.dumps(payload).encode()


def shell_quote(data: bytes) -> str:
    """One shell word for `data`: plain single quotes when printable, else bash's $'...' with escapes."""
    try:
        text = data.decode("utf-8")
        printable = all(ch.isprintable() or ch == " " for ch in text)
    except UnicodeDecodeError:
        printable = False
    if printable:
        return "'" + text.replace("'", "'\\''") + "'"
    out = []
    for b in data:
        ch = chr(b)
        if ch == "'" or ch == "\\":
            out.append("\\" + ch)
        elif 0x20 <= b < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\x{b:02x}")
    return "$'" + "".join(out) + "'"


def header_value(headers: dict, name: str) -> str | None:
    for key, values in (headers or {}).items():
        if key.lower() == name.lower():
            return values[0] if isinstance(values, list) and values else (values if isinstance(values, str) else None)
    return None


def curl_for(request: dict, base_url: str) -> str:
    method = request.get("method", "GET")
    uri = request.get("uri", "")
    if uri.startswith(base_url):
        url = '"$API"' + shell_quote(uri[len(base_url):].encode())
    else:
        url = shell_quote(uri.encode())
    parts = ["curl -sS -i", "-X", method, url]
    for key, values in (request.get("headers") or {}).items():
        if key.lower() in NOISE_HEADERS:
            continue
        for value in values if isinstance(values, list) else [values]:
            if key.lower() == "authorization":
                token = "$MEMBER_TOKEN" if "/api/v1/me/" in uri else "$TOKEN"
                parts += ["-H", f'"Authorization: Bearer {token}"'] if "Filtered" in str(value) else [
                    "-H", shell_quote(f"{key}: {value}".encode())]
            elif str(value) == "":
                parts += ["-H", shell_quote(f"{key};".encode())]  # curl drops `Name: ` but sends `Name;` empty
            else:
                parts += ["-H", shell_quote(f"{key}: {value}".encode())]
    body = decode(request.get("body"))
    if request.get("body") is not None:
        parts += ["--data-binary", shell_quote(body)]
    return " ".join(parts)


def response_snippet(response: dict | None, causes: dict[str, str]) -> str:
    if not response:
        return "(no response)"
    request_id = header_value(response.get("headers") or {}, "x-request-id")
    cause = causes.get(request_id or "")
    content = decode(response.get("content") or response.get("body"))
    ctype = header_value(response.get("headers") or {}, "content-type") or "(no content-type)"
    text = content.decode("utf-8", "replace")
    if ctype.startswith(("application/vnd.openxmlformats", "application/pdf", "image/")):
        text = f"<{len(content)} bytes of {ctype}>"
    if len(text) > SNIPPET:
        text = text[:SNIPPET] + "..."
    snippet = f"{response.get('status_code')} {ctype}\n{text}"
    return snippet + (f"\nserver log: error.cause={cause}" if cause else "")


def mask(text: str) -> str:
    """`text` with the values in it masked, so that one cause reads the same whatever the fuzzer sent."""
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"", "…", text)
    return re.sub(r"-?\d+(\.\d+)?", "N", text)[:160]


def problem_of(failure: dict, response: dict | None) -> str:
    """What distinguishes one failure of a kind on an operation from another."""
    code = failure.get("code", "")
    message = failure.get("message") or ""
    if code in ("ST103", "ST202", "ST201", "ST203", "ST101", "ST100"):
        # The status is in the key already; the problem's detail tells causes apart (a malformed
        # If-Match, a malformed body, ...). A 500's detail is opaque, so those group by status.
        try:
            body = json.loads(decode((response or {}).get("content")))
        except ValueError:
            return ""
        if isinstance(body, dict) and isinstance(body.get("detail"), str) and (response or {}).get("status_code", 0) < 500:
            return f"{body.get('code', '?')}: {mask(body['detail'])}"
        return ""
    if code == "ST105":
        return message.splitlines()[0] if message else ""
    if code == "ST901" or failure.get("type") == "CustomFailure":
        # hooks.py keeps the first line of its messages free of values.
        return message.splitlines()[0] if message else failure.get("title", "")
    # Schema violations and the rest: the first line of the message, values masked.
    return mask(message.splitlines()[0] if message else failure.get("title", ""))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--ndjson", required=True)
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--findings", required=True)
    ap.add_argument("--counts", required=True)
    ap.add_argument("--openapi", required=True, help="the document the server served")
    ap.add_argument("--server-log", help="the server's log, for the cause of each 5xx")
    args = ap.parse_args()
    base_url = args.base_url.rstrip("/")
    with open(args.openapi, encoding="utf-8") as fh:
        document = json.load(fh)
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    documented = {f"{m.upper()} {path}" for path, item in document.get("paths", {}).items() for m in item if m in methods}

    try:
        with open(args.json, encoding="utf-8") as fh:
            report = json.load(fh)
    except (OSError, ValueError) as exc:
        print(f"  no usable JSON report ({exc}); schemathesis did not finish", file=sys.stderr)
        report = {}

    # A 500 answers opaquely; the server logs its cause once, under the request id.
    causes: dict[str, str] = {}
    if args.server_log:
        try:
            with open(args.server_log, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if "error.cause=" not in line:
                        continue
                    rid = re.search(r"request_id=([0-9a-f-]+)", line)
                    if rid:
                        causes[rid.group(1)] = line.split("error.cause=", 1)[1].strip()[:300]
        except OSError:
            pass

    tested: set[str] = set()
    failed_ops: set[str] = set()
    findings: dict[tuple, Finding] = {}
    errors: list[str] = []
    try:
        events = open(args.ndjson, encoding="utf-8")
    except OSError:
        events = []
    for line in events:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if "NonFatalError" in event:
            # A request that got no usable response (connection dropped, a body cut off mid-stream, a
            # timeout) or a hook that raised. Its curl line is in schemathesis' own output.
            error = event["NonFatalError"]
            value = error.get("value") or error.get("info") or {}
            label = error.get("label", "?")
            errors.append(f"{label}: {value.get('type') or value.get('title', '')}: {value.get('message', '')}")
            if error.get("related_to_operation"):
                failed_ops.add(label)
            continue
        scenario = event.get("ScenarioFinished")
        if not scenario:
            continue
        recorder = scenario.get("recorder") or {}
        interactions = recorder.get("interactions") or {}
        cases = recorder.get("cases") or {}
        for case_id, case in cases.items():
            value = case.get("value") or {}
            label = f"{str(value.get('method', '')).upper()} {value.get('path', '')}"
            if case_id in interactions and label in documented:
                tested.add(label)
        for case_id, checks in (recorder.get("checks") or {}).items():
            for check in checks:
                if check.get("status") != "failure":
                    continue
                failure = (check.get("failure_info") or {}).get("failure") or {}
                operation = failure.get("operation") or recorder.get("label", "?")
                failed_ops.add(operation)
                interaction = interactions.get(case_id) or {}
                response = interaction.get("response")
                status = response.get("status_code") if response else None
                if failure.get("code") == "ST103" and (status or 0) >= 500:
                    continue  # a 5xx is reported once, as a server error (ST101)
                kind = f"{failure.get('code', '?')} {failure.get('title', check.get('name', '?'))}"
                if failure.get("type") == "CustomFailure" or failure.get("code") == "ST901":
                    kind = f"ST901 custom check {check.get('name')}"
                key = (kind, operation, status, problem_of(failure, response))
                curl = curl_for(interaction.get("request") or {}, base_url)
                existing = findings.get(key)
                if existing is None:
                    existing = findings[key] = Finding(
                        kind=kind,
                        operation=operation,
                        status=status,
                        problem=key[3],
                        message=(failure.get("message") or "").strip(),
                        curl=curl,
                        response=response_snippet(response, causes),
                    )
                elif len(curl) < len(existing.curl):
                    existing.curl = curl
                    existing.message = (failure.get("message") or "").strip()
                    existing.response = response_snippet(response, causes)
                existing.count += 1
                existing.phases.add(scenario.get("phase", "?"))

    operations = report.get("operations") or {}
    cases = report.get("test_cases") or {}
    print(f"  operations: {operations.get('tested', '?')} tested of {operations.get('selected', '?')} selected "
          f"({operations.get('total', '?')} in the document)")
    print(f"  test cases generated: {cases.get('generated', '?')}; with failures: {cases.get('with_failures', '?')}; "
          f"unique failures: {cases.get('unique_failures', '?')}; errored: {cases.get('errored', '?')}")
    print(f"  stop reason: {report.get('stop_reason', '?')}; running time: {report.get('running_time', 0):.0f} s; "
          f"seed: {report.get('seed', '?')}")
    groups = report.get("failures") or []
    if groups:
        print("  failures by kind (schemathesis' unique failures):")
        for group in groups:
            print(f"    {group.get('code')} {group.get('title')}: {group.get('count')} "
                  f"on {len(group.get('operations') or [])} operation(s)")
    else:
        print("  failures by kind: none")
    for err in report.get("errors") or []:
        print(f"  errors: {err.get('title')} x{err.get('count')}")
    for err in sorted(set(errors))[:20]:
        print(f"  error: {err[:300]} (curl in schemathesis' output)")

    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings.values():
        by_kind[finding.kind].append(finding)
    lines = [f"# Contract findings on {args.backend}", ""]
    lines.append(f"{len(findings)} distinct findings. Reproduce with `API=http://127.0.0.1:8080` and `TOKEN` "
                 "(demo-admin) / `MEMBER_TOKEN` (nanjiang-member) access tokens. Seed "
                 f"{report.get('seed', '?')}.")
    if errors:
        lines += ["", f"## Errors: requests without a usable response ({len(set(errors))})", ""]
        lines += [f"- {err}" for err in sorted(set(errors))]
        lines += ["", "Their curl lines are in schemathesis' output (schemathesis.txt), under ERRORS."]
    for kind in sorted(by_kind):
        items = sorted(by_kind[kind], key=lambda f: (f.operation, f.status or 0, f.problem))
        lines += ["", f"## {kind} ({len(items)})"]
        for f in items:
            lines += ["", f"### {f.operation} -> {f.status}" + (f" ({f.problem})" if f.problem else "")]
            if f.message:
                lines += ["", "> " + "\n> ".join(f.message.splitlines()[:6])]
            lines += ["", "```sh", f.curl, "```", "", "```", f.response, "```",
                      "", f"seen {f.count}x in {', '.join(sorted(f.phases))}"]
    with open(args.findings, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")

    if findings:
        print(f"  distinct findings: {len(findings)}")
        for kind in sorted(by_kind):
            for f in sorted(by_kind[kind], key=lambda f: (f.operation, f.status or 0, f.problem)):
                extra = f" — {f.problem}" if f.problem else ""
                print(f"    {kind} | {f.operation} -> {f.status}{extra}")

    # Failures schemathesis labels "Stateful tests" belong to a scenario, not to one operation.
    failed = {op for op in failed_ops if op in tested}
    passed = tested - failed
    kinds = ", ".join(f"{g.get('code')} {g.get('title')} {g.get('count')}" for g in groups) or "none"
    with open(args.counts, "w", encoding="utf-8") as fh:
        fh.write(f"{len(passed)} {len(failed)}\n")
        fh.write(f"{operations.get('tested', '?')} operations tested, {cases.get('generated', '?')} test cases, "
                 f"failures by kind: {kinds}; errors: {len(set(errors))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
