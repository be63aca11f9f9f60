#!/usr/bin/env python3
"""The authorization matrix: every id-taking operation of the served OpenAPI document x role x place.

Run by tests/authz/run.sh against a server loaded with `gonghui demo --password-stdin` (the password in
AUTHZ_DEMO_PASSWORD). Standard library only.

What it checks (README "Scope", DESIGN "Authorization is data" and "Outside the caller's reach is 404 before
any other check"):

* Every operation whose path takes an id-like parameter must be listed in OPS below, with the resource kind
  each parameter names; an operation the table does not know (or a stale entry) fails the run, so a new
  endpoint cannot slip past.
* For each such operation, each caller (the demo accounts plus an integration account) and each place
  relative to the caller's home -- (a) in its subtree, (b) in a sibling's subtree, (c) at the parent level,
  (d) in another federation, (x) an id that does not exist, and for person-scoped operations (a-other)
  someone else's object in the caller's own reach -- one request with a minimal valid body (required fields
  of the request schema, patched with real ids), `If-Match: *` where the operation takes If-Match.
* Expected: outside the caller's reach 404 (application/problem+json); in reach 2xx when the role's
  permissions (ROLE_PERMISSIONS, copied from api/src/auth/scopes.rs) allow the operation, 403 when they do
  not. A missing permission is answered 403 for every id, the unknown one included (it reveals nothing about
  the object); --strict-permission-404 demands 404 outside the reach even then. Never a 5xx.
* Outside the reach the request is sent a second time with an invalid body. 404 passes; a 400/415/422 that
  the unknown id gets as well (the body is checked before the object is looked up: nothing leaks, but the
  order DESIGN asks for is not kept) is listed as a warning, a failure with --strict-body-order.
* Self-service course operations also try a draft course in the member's own union chain: a member is
  shown no drafts (GET /me/courses/{id} answers 404), so they count as outside its reach.

Objects are created by a fixture admin (not one of the callers) through the API; operations that change an
object's state for good (archive, finish, approve, delete, ...) get a fresh object per cell and run after
all reads and ordinary writes. The callers' own accounts are never touched.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import re
import sys
import time
import urllib.parse
import uuid

# ----------------------------------------------------------------------------------------------------------
# Data: roles and permissions (api/src/auth/scopes.rs), checked against GET /api/v1/me at start.

ROLE_PERMISSIONS = {
    "admin": [
        "organisations:read", "organisations:write", "organisations:update", "accounts:read",
        "accounts:write", "audit:read", "members:read", "members:write", "members:reveal",
        "hardship:read", "hardship:write", "hardship:review", "courses:read", "courses:write",
    ],
    "federation_staff": [
        "organisations:read", "organisations:write", "organisations:update", "accounts:read",
        "accounts:write", "members:read", "members:write", "members:reveal", "hardship:read",
        "hardship:write", "hardship:review", "courses:read", "courses:write",
    ],
    "union_officer": [
        "organisations:read", "organisations:update", "members:read", "members:write",
        "members:reveal", "hardship:read", "hardship:write", "courses:read", "courses:write",
    ],
    "legal_adviser": ["organisations:read", "courses:read"],
    "member": ["organisations:read", "self:membership"],
    "integration": [],  # only the scopes granted to the account
}

INTEGRATION_SCOPES = ["organisations:read", "members:read", "members:write", "courses:read"]

FEDERATION_KINDS = {"national_federation", "provincial_federation", "city_federation", "county_federation"}

# ----------------------------------------------------------------------------------------------------------
# Data: every id-taking operation. params: path parameter -> the resource kind it names. inst: the fixture
# object the cell acts on (FRESH ones are made anew for every cell). allow: alternatives (permission, reach
# rule), the first whose permission the caller holds decides; none held -> 403. phase: read < write <
# destroy (the order cells run in). drafts: for callers whose reach is the member's course reach, also try
# a draft course at places a and c (GET /me/courses/{id} shows a member no drafts, not even its union's).

R, W, D = "read", "write", "destroy"


def op(params, inst, allow, phase, **extra):
    return dict(params=params, inst=inst, allow=allow, phase=phase, **extra)


OPS = {
    # accounts
    ("GET", "/api/v1/accounts/{id}"): op({"id": "account"}, "account", [("accounts:read", "subtree")], R),
    ("PATCH", "/api/v1/accounts/{id}"): op({"id": "account"}, "account", [("accounts:write", "subtree")], W),
    # certificates
    ("POST", "/api/v1/certificates/{code}/revoke"): op(
        {"code": "certificate"}, "cert_fresh", [("courses:write", "subtree")], D),
    ("GET", "/api/v1/certificates/{code}/verify"): op(
        {"code": "certificate"}, "course_finished", [(None, "public")], R),
    # code lists (not scoped: the same lists for everyone signed in)
    ("GET", "/api/v1/code-lists/{name}"): op({"name": "code_list"}, "code_list", [(None, "anyone")], R),
    # course requests
    ("POST", "/api/v1/course-requests/{id}/course"): op(
        {"id": "course_request"}, "creq_fresh", [("courses:write", "subtree")], D),
    ("POST", "/api/v1/course-requests/{id}/support"): op(
        {"id": "course_request"}, "creq",
        [("courses:read", "subtree_or_federation"), ("self:membership", "subtree_or_federation")], W),
    # courses
    ("GET", "/api/v1/courses/{id}"): op({"id": "course"}, "course_open", [("courses:read", "subtree")], R),
    ("PATCH", "/api/v1/courses/{id}"): op({"id": "course"}, "course_open", [("courses:write", "subtree")], W),
    ("GET", "/api/v1/courses/{id}/attendance"): op(
        {"id": "course"}, "course_running", [("courses:read", "subtree")], R),
    ("POST", "/api/v1/courses/{id}/cancel"): op(
        {"id": "course"}, "course_open_fresh", [("courses:write", "subtree")], D),
    ("GET", "/api/v1/courses/{id}/certificates"): op(
        {"id": "course"}, "course_finished", [("courses:read", "subtree")], R),
    ("GET", "/api/v1/courses/{id}/enrolments"): op(
        {"id": "course"}, "course_open", [("courses:read", "subtree")], R),
    ("POST", "/api/v1/courses/{id}/enrolments"): op(
        {"id": "course"}, "course_open_fresh",
        [("courses:write", "subtree"), ("self:membership", "reach_up_or_down_published")], W, drafts=True),
    ("DELETE", "/api/v1/courses/{id}/enrolments/{enrolment_id}"): op(
        {"id": "course", "enrolment_id": "enrolment"}, "enrolment_fresh",
        [("courses:write", "subtree"), ("self:membership", "own")], D),
    ("POST", "/api/v1/courses/{id}/finish"): op(
        {"id": "course"}, "course_running_fresh", [("courses:write", "subtree")], D),
    ("GET", "/api/v1/courses/{id}/notices"): op(
        {"id": "course"}, "course_open", [("courses:read", "subtree")], R),
    ("POST", "/api/v1/courses/{id}/publish"): op(
        {"id": "course"}, "course_draft_fresh", [("courses:write", "subtree")], D),
    ("POST", "/api/v1/courses/{id}/sessions"): op(
        {"id": "course"}, "course_draft", [("courses:write", "subtree")], W),
    ("DELETE", "/api/v1/courses/{id}/sessions/{session_id}"): op(
        {"id": "course", "session_id": "session"}, "session_fresh", [("courses:write", "subtree")], D),
    ("PUT", "/api/v1/courses/{id}/sessions/{session_id}/attendance/{enrolment_id}"): op(
        {"id": "course", "session_id": "session", "enrolment_id": "enrolment"}, "course_running",
        [("courses:write", "subtree")], W),
    ("POST", "/api/v1/courses/{id}/sessions/{session_id}/checkin"): op(
        {"id": "course", "session_id": "session"}, "checkin",
        [("self:membership", "reach_up_or_down_published")], W, drafts=True),
    ("GET", "/api/v1/courses/{id}/sessions/{session_id}/checkin-code"): op(
        {"id": "course", "session_id": "session"}, "course_open", [("courses:write", "subtree")], R),
    ("POST", "/api/v1/courses/{id}/start"): op(
        {"id": "course"}, "course_open_fresh", [("courses:write", "subtree")], D),
    # hardship files
    ("GET", "/api/v1/hardship-files/{id}"): op(
        {"id": "hardship_file"}, "hfile", [("hardship:read", "subtree")], R),
    ("PATCH", "/api/v1/hardship-files/{id}"): op(
        {"id": "hardship_file"}, "hfile", [("hardship:write", "subtree")], W),
    ("POST", "/api/v1/hardship-files/{id}/assistance"): op(
        {"id": "hardship_file"}, "hfile", [("hardship:write", "subtree")], W),
    ("POST", "/api/v1/hardship-files/{id}/decisions"): op(
        {"id": "hardship_file"}, "hfile_fresh", [("hardship:review", "subtree")], D),
    ("POST", "/api/v1/hardship-files/{id}/evidence"): op(
        {"id": "hardship_file"}, "hfile", [("hardship:write", "subtree")], W),
    ("GET", "/api/v1/hardship-files/{id}/evidence/{evidence_id}"): op(
        {"id": "hardship_file", "evidence_id": "evidence"}, "evidence", [("hardship:read", "subtree")], R),
    ("DELETE", "/api/v1/hardship-files/{id}/evidence/{evidence_id}"): op(
        {"id": "hardship_file", "evidence_id": "evidence"}, "evidence_fresh",
        [("hardship:write", "subtree")], D),
    # self-service
    ("GET", "/api/v1/me/courses/{id}"): op(
        {"id": "course"}, "course_open", [("self:membership", "reach_up_or_down_published")], R, drafts=True),
    # member imports
    ("GET", "/api/v1/member-imports/{id}"): op(
        {"id": "member_import"}, "import", [("members:write", "subtree")], R),
    ("POST", "/api/v1/member-imports/{id}/commit"): op(
        {"id": "member_import"}, "import_fresh", [("members:write", "subtree")], D),
    ("GET", "/api/v1/member-imports/{id}/errors"): op(
        {"id": "member_import"}, "import", [("members:write", "subtree")], R),
    # members
    ("GET", "/api/v1/members/{id}"): op({"id": "member"}, "member", [("members:read", "subtree")], R),
    ("PATCH", "/api/v1/members/{id}"): op({"id": "member"}, "member", [("members:write", "subtree")], W),
    ("POST", "/api/v1/members/{id}/changes"): op(
        {"id": "member"}, "member_fresh", [("members:write", "subtree")], D),
    ("GET", "/api/v1/members/{id}/hardship-files"): op(
        {"id": "member"}, "member", [("hardship:read", "subtree")], R),
    ("POST", "/api/v1/members/{id}/hardship-files"): op(
        {"id": "member"}, "member_fresh", [("hardship:write", "subtree")], W),
    ("GET", "/api/v1/members/{id}/history"): op({"id": "member"}, "member", [("members:read", "subtree")], R),
    ("GET", "/api/v1/members/{id}/honours"): op({"id": "member"}, "member", [("members:read", "subtree")], R),
    ("POST", "/api/v1/members/{id}/honours"): op({"id": "member"}, "member", [("members:write", "subtree")], W),
    ("DELETE", "/api/v1/members/{id}/honours/{honour_id}"): op(
        {"id": "member", "honour_id": "honour"}, "honour_fresh", [("members:write", "subtree")], D),
    ("POST", "/api/v1/members/{id}/reveal"): op(
        {"id": "member"}, "member", [("members:reveal", "subtree")], W),
    # membership requests
    ("GET", "/api/v1/membership-requests/{id}"): op(
        {"id": "membership_request"}, "mreq_join", [("members:read", "subtree")], R),
    ("POST", "/api/v1/membership-requests/{id}/approve"): op(
        {"id": "membership_request"}, "mreq_join_fresh", [("members:write", "subtree")], D),
    ("POST", "/api/v1/membership-requests/{id}/reject"): op(
        {"id": "membership_request"}, "mreq_join_fresh", [("members:write", "subtree")], D),
    ("POST", "/api/v1/membership-requests/{id}/release"): op(
        {"id": "membership_request"}, "mreq_transfer_fresh", [("members:write", "subtree")], D),
    # organisations
    ("GET", "/api/v1/organisations/{id}"): op(
        {"id": "organisation"}, "org", [("organisations:read", "subtree")], R),
    ("PATCH", "/api/v1/organisations/{id}"): op(
        {"id": "organisation"}, "org",
        [("organisations:write", "subtree"), ("organisations:update", "subtree")], W),
    ("GET", "/api/v1/organisations/{id}/ancestors"): op(
        {"id": "organisation"}, "org", [("organisations:read", "subtree")], R),
    ("POST", "/api/v1/organisations/{id}/archive"): op(
        {"id": "organisation"}, "org_fresh", [("organisations:write", "subtree")], D),
    ("GET", "/api/v1/organisations/{id}/children"): op(
        {"id": "organisation"}, "org", [("organisations:read", "subtree")], R),
    ("POST", "/api/v1/organisations/{id}/move"): op(
        {"id": "organisation"}, "org_fresh", [("organisations:write", "subtree")], D),
    ("POST", "/api/v1/organisations/{id}/restore"): op(
        {"id": "organisation"}, "org_archived_fresh", [("organisations:write", "subtree")], D),
    ("GET", "/api/v1/organisations/{id}/tree"): op(
        {"id": "organisation"}, "org", [("organisations:read", "subtree")], R),
}

# The resource kinds a path parameter may name; a parameter mapped to anything else is a table error.
KINDS = {
    "organisation", "account", "member", "honour", "membership_request", "member_import", "hardship_file",
    "evidence", "course", "session", "enrolment", "certificate", "course_request", "code_list",
}

# ----------------------------------------------------------------------------------------------------------
# Data: the organisations (demo data, plus a few the fixture creates) and, per caller, which organisation
# each place means for each class of object: "org" (organisations, accounts), "union" (members and what
# hangs off them: they live only in grassroots and township unions), "course" (courses and what hangs off
# them), "fed" (course requests belong to a federation). ("leaf", KEY) is a fresh enterprise union under
# KEY; None means the place has no such object for this caller (the cell is skipped and counted n/a).

DEMO_ORGS = {
    "ROOT": "中华全国总工会",
    "BAZHONG": "巴中市总工会",
    "NANJIANG": "南江县总工会",
    "NJZ": "南江镇工会",
    "MIYE": "四川光雾山米业有限公司工会",
    "NANHUI": "南江县南慧建材有限公司工会",
    "POINT": "南江镇维权工作点",
    "POINT2": "沙河镇维权工作点",
    "HUAYUAN": "花垣县总工会",
    "SANLI": "湖南三立集团股份有限公司工会",
    "XINXIANG": "新乡县总工会",
}

# Created by the fixture: key -> (parent key, kind, name)
NEW_ORGS = {
    "TONGJIANG": ("BAZHONG", "county_federation", "通江县总工会（授权矩阵）"),
    "TJU": ("TONGJIANG", "enterprise_union", "通江县诺水河食品有限公司工会（授权矩阵）"),
    "BZU": ("BAZHONG", "organ_union", "巴中市直机关工会（授权矩阵）"),
    "XXU": ("XINXIANG", "enterprise_union", "新乡县起重机械有限公司工会（授权矩阵）"),
}

COUNTY_PLACES = {  # a caller at 南江县总工会
    "a": {"org": ("leaf", "NJZ"), "union": "MIYE", "course": "NANJIANG", "fed": "NANJIANG"},
    "b": {"org": ("leaf", "TONGJIANG"), "union": "TJU", "course": "TONGJIANG", "fed": "TONGJIANG"},
    "c": {"org": "BAZHONG", "union": "BZU", "course": "BAZHONG", "fed": "BAZHONG"},
    "d": {"org": ("leaf", "HUAYUAN"), "union": "SANLI", "course": "HUAYUAN", "fed": "HUAYUAN"},
}
UNION_PLACES = {  # a caller at 四川光雾山米业有限公司工会 (under 南江镇工会 under 南江县总工会)
    "a": {"org": "MIYE", "union": "MIYE", "course": "MIYE", "fed": None},
    "b": {"org": "NANHUI", "union": "NANHUI", "course": "NANHUI", "fed": None},
    "c": {"org": "NJZ", "union": "NJZ", "course": "NJZ", "fed": "NANJIANG"},
    "d": {"org": "SANLI", "union": "SANLI", "course": "SANLI", "fed": "HUAYUAN"},
}
POINT_PLACES = {  # a caller at 南江镇维权工作点 (a rights point under 南江县总工会)
    "a": {"org": "POINT", "union": None, "course": "POINT", "fed": None},
    "b": {"org": "POINT2", "union": "MIYE", "course": "POINT2", "fed": None},
    "c": {"org": "NANJIANG", "union": "NJZ", "course": "NANJIANG", "fed": "NANJIANG"},
    "d": {"org": ("leaf", "HUAYUAN"), "union": "SANLI", "course": "HUAYUAN", "fed": "HUAYUAN"},
}
ROOT_PLACES = {  # the root admin: all four are in its subtree, so every cell is in reach
    "a": {"org": ("leaf", "NANJIANG"), "union": "MIYE", "course": "NANJIANG", "fed": "NANJIANG"},
    "b": {"org": ("leaf", "TONGJIANG"), "union": "TJU", "course": "TONGJIANG", "fed": "TONGJIANG"},
    "c": {"org": ("leaf", "BAZHONG"), "union": "BZU", "course": "BAZHONG", "fed": "BAZHONG"},
    "d": {"org": ("leaf", "HUAYUAN"), "union": "SANLI", "course": "HUAYUAN", "fed": "HUAYUAN"},
}

# Where a caller moves an organisation to (POST .../move {parent_id}): a federation in its subtree that may
# hold an enterprise union and is not already the parent of its leaves.
MOVE_TARGET = {"admin": "XINXIANG", "federation_staff": "NANJIANG", "integration": "NANJIANG"}

# username -> (role, home key, places). "authz-integration" is created by the fixture.
CALLERS = {
    "demo-admin": ("admin", "ROOT", ROOT_PLACES),
    "nanjiang-staff": ("federation_staff", "NANJIANG", COUNTY_PLACES),
    "nanjiang-officer": ("union_officer", "MIYE", UNION_PLACES),
    "nanjiang-adviser": ("legal_adviser", "POINT", POINT_PLACES),
    "nanjiang-member": ("member", "MIYE", UNION_PLACES),
    "authz-integration": ("integration", "NANJIANG", COUNTY_PLACES),
}

PLACE_NAMES = {
    "a": "own subtree", "a-other": "own subtree, someone else's", "b": "sibling's subtree",
    "c": "parent level", "d": "another federation", "x": "no such id", "*": "(not scoped)",
    "a-draft": "own subtree, a draft course", "c-draft": "parent level, a draft course",
}

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da636460f85f0f0002870180eb47ba920000000049454e44ae426082")

CERT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# ----------------------------------------------------------------------------------------------------------
# HTTP


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:
            return None

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def snippet(self, n=240):
        text = self.body.decode("utf-8", "replace").replace("\n", " ")
        return text if len(text) <= n else text[:n] + "..."


class Client:
    def __init__(self, base_url):
        u = urllib.parse.urlsplit(base_url)
        self.host, self.port = u.hostname, u.port or 80
        self.base_url = base_url.rstrip("/")
        self.conn = None
        self.count = 0

    def request(self, method, path, token=None, body=None, raw=None, content_type=None, headers=None):
        h = {"Accept": "application/json"}
        data = None
        if token:
            h["Authorization"] = "Bearer " + token
        if raw is not None:
            data = raw
            h["Content-Type"] = content_type or "application/octet-stream"
        elif body is not None:
            data = json.dumps(body).encode("utf-8")
            h["Content-Type"] = "application/json"
        if headers:
            h.update(headers)
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                payload = r.read()
                self.count += 1
                resp = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, payload)
                if r.getheader("connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return resp
            except (http.client.HTTPException, OSError):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                time.sleep(0.2)


class SetupError(Exception):
    pass


def need(resp, what, ok=(200, 201, 204)):
    if resp.status not in ok:
        raise SetupError(f"fixture: {what}: HTTP {resp.status}: {resp.snippet(400)}")
    return resp.json


# ----------------------------------------------------------------------------------------------------------
# Small generators


def gb11643(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[s % 11]


class Ids:
    def __init__(self):
        self.n = 0

    def person(self):
        self.n += 1
        born = datetime.date(2001, 1, 1) + datetime.timedelta(days=self.n // 400)
        seq = 101 + self.n % 400 * 2
        return gb11643("511922" + born.strftime("%Y%m%d") + f"{seq:03d}")

    def tag(self):
        self.n += 1
        return f"{self.n:05d}"


def fake_certificate_code():
    body = [random.choice(CERT_ALPHABET) for _ in range(11)]
    check = CERT_ALPHABET[sum(CERT_ALPHABET.index(c) * (2 * i + 1) for i, c in enumerate(body)) % 32]
    s = "".join(body) + check
    return f"GHC-{s[0:4]}-{s[4:8]}-{s[8:12]}"


def today():
    """The server's idea of today: the Beijing date (api/src/domain/mod.rs)."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def rfc3339(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


# ----------------------------------------------------------------------------------------------------------
# The OpenAPI document: id-taking operations, and minimal bodies from request schemas

METHODS = ("get", "post", "put", "patch", "delete")


def id_taking_operations(doc):
    out = {}
    for path, item in doc["paths"].items():
        params = re.findall(r"\{([^}]+)\}", path)
        if not params:
            continue
        for method in METHODS:
            if method in item:
                out[(method.upper(), path)] = dict(item[method], _path_params=params)
    return out


def check_table(doc_ops):
    problems = []
    for key, spec in sorted(doc_ops.items()):
        entry = OPS.get(key)
        if entry is None:
            problems.append(f"{key[0]} {key[1]} ({spec.get('operationId')}) takes "
                            f"{', '.join('{' + p + '}' for p in spec['_path_params'])} but the authorization "
                            "matrix does not know it: add it to OPS in tests/authz/matrix.py")
            continue
        if sorted(entry["params"]) != sorted(spec["_path_params"]):
            problems.append(f"{key[0]} {key[1]}: parameters {spec['_path_params']} but OPS maps "
                            f"{sorted(entry['params'])}")
        for p, kind in entry["params"].items():
            if kind not in KINDS:
                problems.append(f"{key[0]} {key[1]}: {{{p}}} mapped to unknown kind {kind!r}")
    for key in sorted(OPS):
        if key not in doc_ops:
            problems.append(f"{key[0]} {key[1]} is in OPS but not in the OpenAPI document (stale entry)")
    return problems


class Bodies:
    """Minimal request bodies: the required fields of the request schema with plausible values."""

    def __init__(self, doc, code_lists, ids):
        self.schemas = doc.get("components", {}).get("schemas", {})
        self.code_lists = code_lists
        self.ids = ids

    def resolve(self, s):
        while isinstance(s, dict) and "$ref" in s:
            s = self.schemas[s["$ref"].split("/")[-1]]
        if isinstance(s, dict):
            for key in ("oneOf", "anyOf"):
                if key in s:
                    options = [self.resolve(o) for o in s[key]]
                    non_null = [o for o in options if o.get("type") != "null"]
                    return non_null[0] if non_null else options[0]
            if "allOf" in s:
                merged = {"type": "object", "properties": {}, "required": []}
                for part in s["allOf"]:
                    part = self.resolve(part)
                    merged["properties"].update(part.get("properties", {}))
                    merged["required"] += part.get("required", [])
                return merged
        return s

    def value(self, s, name=""):
        s = self.resolve(s)
        t = s.get("type")
        if isinstance(t, list):
            t = next((x for x in t if x != "null"), "null")
        if "enum" in s:
            return next(v for v in s["enum"] if v is not None)
        if t == "object" or "properties" in s:
            return {k: self.value(v, k) for k, v in s.get("properties", {}).items()
                    if k in s.get("required", [])}
        if t == "array":
            return []
        if t == "boolean":
            return False
        if t in ("integer", "number"):
            special = {"household_size": 3, "amount_fen": 10000, "max_places": 30,
                       "monthly_income_per_head_fen": 50000}
            if name in special:
                return special[name]
            return max(1, s.get("minimum", 1))
        if t == "string":
            m = re.search(r"Code list `([a-z-]+)`", s.get("description", ""))
            if m and self.code_lists.get(m.group(1)):
                return self.code_lists[m.group(1)][0]
            if s.get("format") == "date":
                return today().isoformat()
            if s.get("format") == "date-time":
                return rfc3339(datetime.datetime.now(datetime.timezone.utc))
            if name.endswith("division") or name == "division_code":
                return "511922"
            if name == "starts_at":
                return "19:00"
            if name == "ends_at":
                return "21:00"
            if name == "id_number":
                return self.ids.person()
            if name == "mobile":
                return "13800000000"
            if name == "code":
                return "000000"
            if name.endswith("_id"):
                return ""
            return "授权矩阵 authz"
        return None

    def minimal(self, spec):
        rb = spec.get("requestBody")
        if not rb:
            return None
        content = rb.get("content", {})
        if "application/json" in content:
            return ("json", self.value(content["application/json"].get("schema", {})))
        return ("raw", PNG)

    def invalid(self, spec):
        """A body the operation must refuse (422/415) when it gets that far: {} where fields are required,
        an unknown field where none are, bytes that are no PDF/JPEG/PNG for uploads."""
        rb = spec.get("requestBody")
        if not rb:
            return None
        content = rb.get("content", {})
        if "application/json" in content:
            s = self.resolve(content["application/json"].get("schema", {}))
            if s.get("required"):
                return ("json", {})
            return ("json", {"authz_unknown_field": True})
        return ("raw", b"this is not a PDF, JPEG or PNG")


# ----------------------------------------------------------------------------------------------------------
# Fixture


class Caller:
    def __init__(self, username, role, home_key, places):
        self.username, self.role, self.home_key, self.places = username, role, home_key, places
        self.token = None
        self.id = None
        self.member_id = None
        self.home_id = None
        self.home_path = None
        self.federation_id = None
        self.permissions = []

    @property
    def label(self):
        return f"{self.username} ({self.role})"


class Inst:
    """One fixture object: the ids it gives each resource kind, the organisation paths that own it (a
    membership request has two sides), whether it belongs to the caller as a person, and its status."""

    def __init__(self, ids, owners, owner_ids=(), own=False, status=None):
        self.ids = ids
        self.owners = list(owners)
        self.owner_ids = list(owner_ids)
        self.own = own
        self.status = status


class Fixture:
    def __init__(self, client, password, ids):
        self.c = client
        self.password = password
        self.ids = ids
        self.orgs = {}  # key -> {"id", "path", "kind"}
        self.admin = None  # fixture admin token (builds everything)
        self.reviewer = None  # second admin (decides files the first registered)
        self.fed_tokens = {}
        self.cache = {}
        self.member_ids = {}

    # --- basics
    def login(self, username, password):
        r = self.c.request("POST", "/api/v1/auth/login", body={"username": username, "password": password})
        return need(r, f"login as {username}")["access_token"]

    def call(self, method, path, body=None, what=None, token=None, ok=(200, 201, 204), **kw):
        r = self.c.request(method, path, token=token or self.admin, body=body, **kw)
        return need(r, what or f"{method} {path}", ok)

    def find_org(self, name):
        q = urllib.parse.quote(name)
        items = self.call("GET", f"/api/v1/organisations?q={q}&limit=50")["items"]
        exact = [o for o in items if o["name"] == name]
        if len(exact) != 1:
            raise SetupError(f"fixture: expected one organisation named {name}, found {len(exact)}")
        return exact[0]

    def path_of(self, org_id):
        items = self.call("GET", f"/api/v1/organisations/{org_id}/ancestors")["items"]
        return "/" + "".join(o["id"] + "/" for o in items), items

    def add_org(self, key, org_id, kind):
        path, _ = self.path_of(org_id)
        self.orgs[key] = {"id": org_id, "path": path, "kind": kind}

    def create_org(self, parent_key, kind, name):
        body = {"parent_id": self.orgs[parent_key]["id"], "name": name, "kind": kind, "division_code": "511922"}
        o = self.call("POST", "/api/v1/organisations", body, f"create organisation {name}")
        return {"id": o["id"], "path": self.orgs[parent_key]["path"] + o["id"] + "/", "kind": kind}

    def setup(self, demo_admin_token):
        """Two fixture admins at the root, made by run.sh with `gonghui create-admin` (so that no caller
        registers the files it decides or files the course requests it supports), build everything else."""
        for i, attr in enumerate(("admin", "reviewer")):
            setattr(self, attr, self.login(f"authz-fixture-{i}", self.password))
        for key, name in DEMO_ORGS.items():
            o = self.find_org(name)
            self.add_org(key, o["id"], o["kind"])
        for key, (parent, kind, name) in NEW_ORGS.items():
            self.orgs[key] = self.create_org(parent, kind, name)
        lists = self.call("GET", "/api/v1/code-lists")
        self.code_lists = {}
        for cl in (lists.get("items") if isinstance(lists, dict) else lists) or []:
            values = cl.get("values") or cl.get("items") or []
            self.code_lists[cl["name"]] = [v.get("code") for v in values if isinstance(v, dict)]

    def find_org_with(self, token, name):
        q = urllib.parse.quote(name)
        r = self.c.request("GET", f"/api/v1/organisations?q={q}&limit=50", token=token)
        items = need(r, f"find {name}")["items"]
        return next(o for o in items if o["name"] == name)

    def federation_of(self, org_key_or_id):
        org_id = self.orgs[org_key_or_id]["id"] if org_key_or_id in self.orgs else org_key_or_id
        _, items = self.path_of(org_id)
        for o in reversed(items):
            if o["kind"] in FEDERATION_KINDS:
                return o["id"]
        return org_id

    def fed_token(self, fed_key):
        if fed_key not in self.fed_tokens:
            username = f"authz-fed-{fed_key.lower()}-{self.ids.tag()}"
            self.call("POST", "/api/v1/accounts", {
                "username": username, "display_name": "授权矩阵 需求登记", "role": "federation_staff",
                "organisation_id": self.orgs[fed_key]["id"], "password": self.password,
            }, f"create {username}")
            self.fed_tokens[fed_key] = self.login(username, self.password)
        return self.fed_tokens[fed_key]

    # --- sites
    def site(self, caller, place, cls):
        return caller.places[place.split("-")[0]][cls]

    def org_for(self, spec, fresh):
        """An organisation object: an existing one, or a leaf under KEY (shared unless fresh)."""
        if spec is None:
            return None
        if isinstance(spec, tuple):
            parent = spec[1]
            key = ("leaf", parent)
            if fresh or key not in self.cache:
                o = self.create_org(parent, "enterprise_union", f"授权矩阵测试单位{self.ids.tag()}工会")
                if fresh:
                    return o
                self.cache[key] = o
            return self.cache[key]
        return self.orgs[spec]

    def member_in(self, union_key):
        o = self.orgs[union_key]
        m = self.call("POST", "/api/v1/members", {
            "organisation_id": o["id"], "name": f"测试{self.ids.tag()}", "id_number": self.ids.person(),
        }, "create member")
        return m["id"]

    def course_in(self, org_key, status, sessions=1, enrol=(), mark=False):
        o = self.orgs[org_key]
        now = datetime.datetime.now(datetime.timezone.utc)
        c = self.call("POST", "/api/v1/courses", {
            "organisation_id": o["id"], "title": f"授权矩阵课程{self.ids.tag()}",
            "category": self.first("course-categories"),
            "venue": "南江县新市民学校", "venue_address": "四川省巴中市南江县", "venue_division": "511922",
            "max_places": 30, "min_places": 0, "fee_fen": 0, "description": "",
            "enrol_opens_at": rfc3339(now - datetime.timedelta(days=1)),
            "enrol_closes_at": rfc3339(now + datetime.timedelta(days=30)), "eligibility": "anyone",
        }, "create course")
        cid = c["id"]
        sids = []
        for i in range(sessions):
            s = self.call("POST", f"/api/v1/courses/{cid}/sessions", {
                "date": (today() + datetime.timedelta(days=20 + i)).isoformat(), "starts_at": "19:00",
                "ends_at": "21:00", "teacher": "李老师",
            }, "add session")
            sids.append(s["id"])
        eids = []
        if status != "draft":
            self.call("POST", f"/api/v1/courses/{cid}/publish", headers={"If-Match": "*"}, what="publish")
            for member_id in enrol:
                e = self.call("POST", f"/api/v1/courses/{cid}/enrolments", {"member_id": member_id}, "enrol")
                eids.append(e["id"])
            if status in ("running", "finished"):
                self.call("POST", f"/api/v1/courses/{cid}/start", headers={"If-Match": "*"}, what="start")
                if mark:
                    for sid in sids:
                        for eid in eids:
                            self.call("PUT", f"/api/v1/courses/{cid}/sessions/{sid}/attendance/{eid}",
                                      {"status": "present"}, "mark attendance")
            if status == "finished":
                done = self.call("POST", f"/api/v1/courses/{cid}/finish", headers={"If-Match": "*"},
                                 what="finish")
                return cid, sids, eids, [x["code"] for x in done.get("certificates", [])]
        return cid, sids, eids, []

    def first(self, code_list):
        values = self.code_lists.get(code_list) or []
        if not values:
            raise SetupError(f"fixture: code list {code_list} is empty or missing")
        return values[0]

    # --- instances
    def instance(self, name, caller, place):
        """The object `name` at `place` for `caller`, or None when the place has none for this caller."""
        if place == "x":
            return self.nonexistent()
        if name == "code_list":
            return Inst({"code_list": "genders"}, owners=[], status="any")
        fresh = name.endswith("_fresh")
        base = name[: -len("_fresh")] if fresh else name
        cls = {"org": "org", "org_archived": "org", "account": "org", "creq": "fed"}.get(base)
        if cls is None:
            cls = "union" if base in ("member", "honour", "hfile", "evidence", "mreq_join", "mreq_transfer",
                                      "import") else "course"
        spec = self.site(caller, place, cls)
        if spec is None:
            return None
        # Person-specific objects: whether this one is the caller's own.
        own_person = False
        if base in ("checkin", "enrolment") and caller.member_id and place != "a-other":
            course_path = self.orgs[spec]["path"]
            own_person = caller.home_path.startswith(course_path) or course_path.startswith(caller.home_path)
        key = (base, repr(spec), caller.member_id if own_person else None)
        if not fresh and key in self.cache:
            return self.cache[key]
        inst = self.build(base, spec, fresh, caller if own_person else None)
        if not fresh:
            self.cache[key] = inst
        return inst

    def shared_member(self, union_key):
        if union_key not in self.member_ids:
            self.member_ids[union_key] = self.member_in(union_key)
        return self.member_ids[union_key]

    def build(self, base, spec, fresh, own_caller):
        if base in ("org", "org_archived"):
            o = self.org_for(spec, fresh)
            if base == "org_archived" and isinstance(spec, tuple):
                self.call("POST", f"/api/v1/organisations/{o['id']}/archive", headers={"If-Match": "*"},
                          what="archive")
            return Inst({"organisation": o["id"]}, owners=[o["path"]], owner_ids=[o["id"]])
        if base == "account":
            o = self.org_for(spec, False)
            a = self.call("POST", "/api/v1/accounts", {
                "username": f"authz-acct-{self.ids.tag()}", "display_name": "授权矩阵 账号", "role": "member",
                "organisation_id": o["id"], "password": self.password,
            }, "create account")
            return Inst({"account": a["id"]}, owners=[o["path"]])
        if base == "creq":
            o = self.orgs[spec]
            r = self.call("POST", "/api/v1/course-requests", {
                "topic": f"授权矩阵需求{self.ids.tag()}", "division": "511922",
            }, "create course request", token=self.fed_token(spec))
            return Inst({"course_request": r["id"]}, owners=[o["path"]], owner_ids=[o["id"]])
        o = self.orgs[spec]
        if base == "member":
            mid = self.member_in(spec) if fresh else self.shared_member(spec)
            return Inst({"member": mid}, owners=[o["path"]])
        if base == "honour":
            mid = self.shared_member(spec)
            h = self.call("POST", f"/api/v1/members/{mid}/honours", {
                "kind": self.first("honour-kinds"), "level": self.first("honour-levels"), "title": "劳动模范",
                "awarded_on": today().isoformat(), "awarding_body": "授权矩阵",
            }, "create honour")
            return Inst({"member": mid, "honour": h["id"]}, owners=[o["path"]])
        if base in ("hfile", "evidence"):
            mid = self.member_in(spec)
            f = self.call("POST", f"/api/v1/members/{mid}/hardship-files", {
                "category": self.first("hardship-categories"), "household_size": 3,
                "monthly_income_per_head_fen": 50000, "reason": "授权矩阵：因病致困",
            }, "create hardship file")
            fid = (f.get("file") or f)["id"]
            ids = {"hardship_file": fid, "member": mid}
            if base == "hfile" and not fresh:
                # Assistance is recorded on approved files; the second fixture admin approves (nobody decides
                # a file they registered).
                self.call("POST", f"/api/v1/hardship-files/{fid}/decisions", {"decision": "approve"},
                          "approve hardship file", token=self.reviewer, headers={"If-Match": "*"})
            if base == "evidence":
                e = self.call("POST", f"/api/v1/hardship-files/{fid}/evidence?file_name=authz.png", raw=PNG,
                              what="upload evidence")
                ids["evidence"] = e["id"]
            return Inst(ids, owners=[o["path"]])
        if base == "mreq_join":
            r = self.call("POST", "/api/v1/membership-requests/join", {
                "member": {"organisation_id": o["id"], "name": f"申请人{self.ids.tag()}",
                           "id_number": self.ids.person()},
                "reason": "授权矩阵",
            }, "create join request")
            return Inst({"membership_request": r["id"]}, owners=[o["path"]])
        if base == "mreq_transfer":
            mid = self.member_in(spec)
            r = self.call("POST", "/api/v1/membership-requests/transfer", {
                "member_id": mid, "to_organisation_id": self.orgs["XXU"]["id"], "reason": "授权矩阵：外出务工",
            }, "create transfer request")
            return Inst({"membership_request": r["id"]}, owners=[o["path"], self.orgs["XXU"]["path"]])
        if base == "import":
            csv = f"姓名,身份证号\n导入{self.ids.tag()},{self.ids.person()}\n".encode("utf-8")
            q = urllib.parse.urlencode({"organisation_id": o["id"], "file_name": "authz.csv"})
            r = self.call("POST", f"/api/v1/member-imports?{q}", raw=csv, content_type="text/csv",
                          what="upload member import")
            return Inst({"member_import": r["id"]}, owners=[o["path"]])
        # courses and what hangs off them, owned by `spec`
        if base in ("course_draft", "session"):
            cid, sids, _, _ = self.course_in(spec, "draft")
            if base == "session":
                s = self.call("POST", f"/api/v1/courses/{cid}/sessions", {
                    "date": (today() + datetime.timedelta(days=40)).isoformat(), "starts_at": "09:00",
                    "ends_at": "11:00", "teacher": "王老师"}, "add session")
                sids = [s["id"]]
            return Inst({"course": cid, "session": sids[0]}, owners=[o["path"]], status="draft")
        if base == "course_open":
            cid, sids, eids, _ = self.course_in(spec, "open", enrol=[self.member_for_course(spec)])
            return Inst({"course": cid, "session": sids[0], "enrolment": eids[0]}, owners=[o["path"]],
                        status="open")
        if base == "course_running":
            cid, sids, eids, _ = self.course_in(spec, "running", enrol=[self.member_for_course(spec)])
            return Inst({"course": cid, "session": sids[0], "enrolment": eids[0]}, owners=[o["path"]],
                        status="running")
        if base in ("course_finished", "cert"):
            cid, sids, eids, codes = self.course_in(spec, "finished", enrol=[self.member_for_course(spec)],
                                                    mark=True)
            if not codes:
                raise SetupError("fixture: finishing a course with full attendance issued no certificate")
            return Inst({"course": cid, "session": sids[0], "enrolment": eids[0], "certificate": codes[0]},
                        owners=[o["path"]], status="finished")
        if base in ("checkin", "enrolment"):
            member = own_caller.member_id if own_caller else self.member_for_course(spec, fresh=True)
            cid, sids, eids, _ = self.course_in(spec, "open", enrol=[member])
            return Inst({"course": cid, "session": sids[0], "enrolment": eids[0]}, owners=[o["path"]],
                        own=own_caller is not None, status="open")
        raise SetupError(f"fixture: no builder for instance {base}")

    def member_for_course(self, org_key, fresh=False):
        """A member to enrol in a course run by org_key: one in that union, or in the fixture union XXU."""
        from_kind = self.orgs[org_key]["kind"]
        union = org_key if from_kind not in FEDERATION_KINDS | {"rights_point", "legal_station"} else "XXU"
        return self.member_in(union) if fresh else self.shared_member(union)

    def nonexistent(self):
        ids = {k: str(uuid.uuid4()) for k in KINDS}
        ids["certificate"] = fake_certificate_code()
        ids["code_list"] = "authz-no-such-list"
        return Inst(ids, owners=[], status="nonexistent")


# ----------------------------------------------------------------------------------------------------------
# Expectations


def in_reach(rule, caller, inst):
    if inst.status == "nonexistent":
        return False
    home = caller.home_path
    if rule in ("public", "anyone"):
        return True
    if rule == "subtree":
        return any(o.startswith(home) for o in inst.owners)
    if rule == "subtree_or_federation":
        return any(o.startswith(home) for o in inst.owners) or caller.federation_id in inst.owner_ids
    if rule == "reach_up_or_down":
        return any(home.startswith(o) or o.startswith(home) for o in inst.owners)
    if rule == "reach_up_or_down_published":
        return inst.status != "draft" and in_reach("reach_up_or_down", caller, inst)
    if rule == "own":
        return inst.own
    raise ValueError(rule)


def expectation(entry, caller, inst, strict):
    """('2xx'|403|404, why)."""
    for perm, rule in entry["allow"]:
        if perm is None or perm in caller.permissions:
            if in_reach(rule, caller, inst):
                return "2xx", f"in reach ({rule}{', ' + perm if perm else ''})"
            return 404, f"outside the reach ({rule})"
    perms = " or ".join(p for p, _ in entry["allow"])
    if strict and not in_reach(entry["allow"][0][1], caller, inst):
        return 404, f"outside the reach, and no {perms}"
    return 403, f"role lacks {perms}"


def judge(expected, resp):
    if resp.status >= 500:
        return False
    if expected == "2xx":
        return 200 <= resp.status < 300
    return resp.status == expected and resp.content_type == "application/problem+json"


# ----------------------------------------------------------------------------------------------------------
# Running the cells


def body_for(key, spec, caller, inst, fx, bodies):
    method, path = key
    b = bodies.minimal(spec)
    if b is None or b[0] == "raw":
        return b
    body = b[1]
    op_id = spec.get("operationId")
    if op_id == "move_organisation":
        target = MOVE_TARGET.get(caller.role)
        body["parent_id"] = fx.orgs[target]["id"] if target else caller.home_id
    elif op_id == "create_enrolment":
        body.pop("member_id", None)
        body.pop("person", None)
        if "courses:write" in caller.permissions:
            union = caller.places["a"]["union"] or "XXU"
            body["member_id"] = fx.member_in(union)  # fresh: the course already has the shared one
    elif op_id == "check_in":
        if inst.status != "nonexistent":
            r = fx.c.request("GET", f"/api/v1/courses/{inst.ids['course']}/sessions/{inst.ids['session']}"
                                    "/checkin-code", token=fx.admin)
            body["code"] = (r.json or {}).get("code", "000000") if r.status == 200 else "000000"
    elif op_id == "schedule_course_request":
        now = datetime.datetime.now(datetime.timezone.utc)
        body.update({"organisation_id": inst.owner_ids[0] if inst.owner_ids else caller.home_id,
                     "max_places": 30, "enrol_opens_at": rfc3339(now),
                     "enrol_closes_at": rfc3339(now + datetime.timedelta(days=10))})
    elif op_id == "mark_attendance":
        body["status"] = "present"
    elif op_id == "decide_hardship_file":
        body["decision"] = "approve"
    elif op_id == "record_membership_change":
        body.update({"change": "suspend", "effective_on": today().isoformat()})
    elif op_id == "commit_member_import":
        body["mode"] = "all_or_nothing"
    elif op_id == "reject_membership_request":
        body["reason"] = "授权矩阵"
    return ("json", body)


def fill(path, entry, inst):
    out = path
    for param, kind in entry["params"].items():
        out = out.replace("{" + param + "}", urllib.parse.quote(inst.ids[kind], safe=""))
    return out


def curl(method, url, caller, body, if_match, base_url):
    parts = [f"curl -sS -X {method} '{base_url}{url}'",
             f"-H \"Authorization: Bearer $TOKEN\"  # {caller.username}"]
    if if_match:
        parts.insert(1, "-H 'If-Match: *'")
    if body is not None:
        if body[0] == "json":
            parts.insert(1, f"-H 'Content-Type: application/json' -d '{json.dumps(body[1], ensure_ascii=False)}'")
        else:
            parts.insert(1, "-H 'Content-Type: application/octet-stream' --data-binary @file")
    return " ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--backend", default="?")
    ap.add_argument("--results", help="write a JSON summary here")
    ap.add_argument("--strict-permission-404", action="store_true",
                    help="outside the reach expect 404 even when the role lacks the permission")
    ap.add_argument("--no-invalid-body", action="store_true",
                    help="do not repeat out-of-reach cells with an invalid body")
    ap.add_argument("--strict-body-order", action="store_true",
                    help="fail out-of-reach cells whose invalid body is refused before the scope check even "
                         "when an unknown id gets the same answer")
    ap.add_argument("--only", help="run only operations whose path contains this text")
    args = ap.parse_args()
    password = os.environ.get("AUTHZ_DEMO_PASSWORD")
    if not password:
        sys.exit("AUTHZ_DEMO_PASSWORD is not set (the password given to `gonghui demo --password-stdin`)")
    started = time.time()
    client = Client(args.base_url)
    ids = Ids()
    label = f"authz[{args.backend}]"

    def log(msg):
        print(f"{label} {msg}", flush=True)

    # The document, from the running server.
    r = client.request("GET", "/api/openapi.json")
    doc = need(r, "GET /api/openapi.json", (200,))
    doc_ops = id_taking_operations(doc)
    problems = check_table(doc_ops)
    if problems:
        for p in problems:
            print(f"{label} TABLE: {p}")
        print(f"{label} the id-taking operations of the document and the matrix's table differ")
        write_results(args.results, args.backend, 0, 0, len(problems), 0, [
            {"op": p, "variant": "table"} for p in problems], time.time() - started)
        sys.exit(1)
    log(f"{len(doc_ops)} id-taking operations in the document, all mapped: "
        + ", ".join(sorted({k for e in OPS.values() for k in e["params"].values()})))

    fx = Fixture(client, password, ids)
    demo_admin = fx.login("demo-admin", password)
    fx.setup(demo_admin)
    bodies = Bodies(doc, fx.code_lists, ids)

    # The callers.
    callers = []
    integration = "authz-integration"
    created = need(client.request("POST", "/api/v1/accounts", token=demo_admin, body={
        "username": integration, "display_name": "授权矩阵 对接系统", "role": "integration",
        "organisation_id": fx.orgs["NANJIANG"]["id"], "scopes": INTEGRATION_SCOPES,
    }), "create the integration account")
    tok = need(client.request("POST", "/api/v1/auth/token", body={
        "grant_type": "client_credentials", "client_id": integration, "client_secret": created["client_secret"],
    }), "client-credentials token")
    setup_failures = []
    for username, (role, home_key, places) in CALLERS.items():
        c = Caller(username, role, home_key, places)
        c.token = tok["access_token"] if username == integration else fx.login(username, password)
        me = need(client.request("GET", "/api/v1/me", token=c.token), f"GET /me as {username}")
        c.id, c.member_id, c.home_id = me["id"], me.get("member_id"), me["organisation_id"]
        c.permissions = list(me.get("permissions") or [])
        expected_perms = INTEGRATION_SCOPES if role == "integration" else ROLE_PERMISSIONS[role]
        if me["role"] != role or sorted(c.permissions) != sorted(expected_perms):
            setup_failures.append(f"{username}: /me says role {me['role']} with {sorted(c.permissions)}; the "
                                  f"table (scopes.rs) says {role} with {sorted(expected_perms)}")
        c.permissions = list(expected_perms)  # the expectation comes from the table, not the server
        if c.home_id != fx.orgs[home_key]["id"]:
            raise SetupError(f"{username}: home is {me.get('organisation_name')}, expected {DEMO_ORGS[home_key]}")
        c.home_path = fx.orgs[home_key]["path"]
        c.federation_id = fx.federation_of(home_key)
        callers.append(c)
    if not next(c for c in callers if c.role == "member").member_id:
        raise SetupError("nanjiang-member is not linked to a member")

    # The cells, reads first, then writes, then the operations that change an object for good. The unknown
    # id (x) goes first for each caller: its answer to an invalid body is the reference for the others.
    keys = sorted(OPS, key=lambda k: ({R: 0, W: 1, D: 2}[OPS[k]["phase"]], k[1], k[0]))
    if args.only:
        keys = [k for k in keys if args.only in k[1]]
    tried = passed = na = 0
    failures, warnings = [], []
    by_expectation = {}
    for key in keys:
        entry, spec = OPS[key], doc_ops[key]
        method, path = key
        takes_if_match = any(p.get("in") == "header" and p.get("name", "").lower() == "if-match"
                             for p in spec.get("parameters", []))
        for caller in callers:
            chosen = next((rule for perm, rule in entry["allow"] if perm is None or perm in caller.permissions),
                          None)
            places = ["x", "*"] if entry["allow"][0][1] == "anyone" else ["x", "a", "b", "c", "d"]
            if chosen == "own":
                places.insert(2, "a-other")
            if entry.get("drafts") and chosen == "reach_up_or_down_published":
                places += ["a-draft", "c-draft"]
            unknown_id_answer = None  # status for the unknown id with an invalid body
            for place in places:
                name = "course_draft" if place.endswith("-draft") else entry["inst"]
                inst = fx.instance(name, caller, "a" if place == "*" else place)
                if inst is None:
                    na += 1
                    continue
                expected, why = expectation(entry, caller, inst, args.strict_permission_404)
                url = fill(path, entry, inst)
                if spec.get("operationId") == "upload_evidence":
                    url += "?file_name=authz.png"
                variants = [("valid body", body_for(key, spec, caller, inst, fx, bodies))]
                if expected == 404 and not args.no_invalid_body and spec.get("requestBody"):
                    variants.append(("invalid body", bodies.invalid(spec)))
                for variant, body in variants:
                    headers = {"If-Match": "*"} if takes_if_match else {}
                    kw = {}
                    if body is not None:
                        if body[0] == "json":
                            kw["body"] = body[1]
                        else:
                            kw["raw"] = body[1]
                    resp = client.request(method, url, token=caller.token, headers=headers, **kw)
                    tried += 1
                    by_expectation[str(expected)] = by_expectation.get(str(expected), 0) + 1
                    if variant == "invalid body" and place == "x":
                        unknown_id_answer = resp.status
                    cell = {
                        "method": method, "path": path, "operation": spec.get("operationId"),
                        "role": caller.role, "caller": caller.username, "place": place,
                        "place_name": PLACE_NAMES[place], "variant": variant,
                        "expected": expected, "why": why, "got": resp.status,
                        "content_type": resp.content_type, "snippet": resp.snippet(),
                        "curl": curl(method, url, caller, body, takes_if_match, args.base_url),
                    }
                    if judge(expected, resp):
                        passed += 1
                    elif (variant == "invalid body" and not args.strict_body_order and resp.status in (400, 415, 422)
                          and resp.status == unknown_id_answer):
                        # The body is refused before the object is looked up: the same answer as for an id
                        # that does not exist, so nothing leaks; the contract's order is not kept, though.
                        passed += 1
                        warnings.append(cell)
                    else:
                        failures.append(cell)
    elapsed = time.time() - started

    # Summary.
    print()
    print(f"{label} {tried} cells tried, {passed} passed, {len(failures)} failed, {na} n/a "
          f"(no such object at that place for that caller); {client.count} requests in {elapsed:.1f} s")
    print(f"{label} expected answers: " + ", ".join(f"{k} x {v}" for k, v in sorted(by_expectation.items()))
          + f"; callers: {', '.join(c.label for c in callers)}")
    for s in setup_failures:
        print(f"{label} SETUP: {s}")
    if warnings:
        groups = {}
        for w in warnings:
            groups.setdefault((w["method"], w["path"], w["got"]), []).append(f"{w['caller']}:{w['place']}")
        print(f"{label} {len(warnings)} out-of-reach cells with an invalid body answered 4xx before the scope "
              "check, exactly as for an unknown id (no leak; --strict-body-order fails them):")
        for (m, pth, got), where in sorted(groups.items()):
            print(f"{label}   WARN {m} {pth}: {got} for {len(where)} cells")
    reproduced = set()
    for f in failures:
        print(f"{label} FAIL {f['method']} {f['path']} | {f['caller']} ({f['role']}) | place {f['place']} "
              f"({f['place_name']}) | {f['variant']} | expected {f['expected']} ({f['why']}) | got "
              f"{f['got']} {f['content_type']} | {f['snippet'][:200]}")
        group = (f["method"], f["path"], f["variant"], f["got"])
        if group not in reproduced:
            reproduced.add(group)
            print(f"{label}      reproduce: {f['curl']}")
    failed = len(failures) + len(setup_failures)
    write_results(args.results, args.backend, tried, passed, failed, na,
                  failures + [{"setup": s} for s in setup_failures], elapsed, warnings)
    print(f"{label} authz: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def write_results(path, backend, tried, passed, failed, na, failures, seconds, warnings=()):
    if not path:
        return
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"backend": backend, "tried": tried, "passed": passed, "failed": failed, "na": na,
                   "seconds": round(seconds, 1), "failures": failures,
                   "warnings": list(warnings)}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    try:
        main()
    except SetupError as e:
        print(f"authz: FIXTURE FAILED: {e}", flush=True)
        sys.exit(2)
