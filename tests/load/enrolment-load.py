#!/usr/bin/env python3
"""Load generator and checker of tests/load/bench-enrolment.sh: enrolment under contention.

Python 3 standard library only (threads + http.client, one keep-alive connection per client).

  enrolment-load.py --base http://127.0.0.1:PORT --token TOKEN --organisation ID --out DIR [settings]

Each of ROUNDS rounds, on fresh courses:
1. set-up: COURSES published courses of the organisation with PLACES places each, eligibility anyone,
   enrolment open (POST /courses, POST /courses/{id}/sessions, GET /courses/{id}, POST .../publish);
2. enrol: CLIENTS threads wait at a barrier with their connection open, then fire
   POST /courses/{id}/enrolments {"person": ...} for distinct non-members, the courses round-robin,
   until each course has had ATTEMPTS; every answer must be 201;
3. check: per course, the answers' arrivals are 1..ATTEMPTS, each once; the first PLACES enrolled and
   the rest waitlisted at position arrival - PLACES; no request got an arrival before one whose answer
   came before it was sent (first come, first served as the clients saw it); GET /courses/{id}/enrolments
   has exactly PLACES enrolled, the waitlist at positions 1..n with `arrival` strictly increasing, and
   the same arrivals and statuses as the answers; GET /courses/{id} agrees (enrolled_count, full,
   waitlisted_count);
4. withdraw: CLIENTS threads DELETE /courses/{id}/enrolments/{eid} of the first WITHDRAW arrivals of each
   course (the enrolled, then people near the head of the waitlist, mostly promoted by then), in arrival
   order, the courses round-robin; every answer must be 200 and say `removed`;
5. check again: exactly PLACES enrolled, the PLACES earliest arrivals still there; the waitlist at
   positions 1..n in arrival order; nobody promoted twice, only the first waitlisted promoted, one
   `waitlist_promoted` notice per promotion; GET /courses/{id} agrees.

Writes DIR/table.md (the two phases over all rounds), DIR/checks.md and DIR/summary.json; exits 1 when
any answer was unexpected or any check failed (the rounds stop at the first phase with unexpected
answers), 2 on bad arguments or a failed set-up request.
"""

import argparse
import datetime as dt
import http.client
import json
import math
import os
import sys
import threading
import time
import urllib.parse

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
DIVISION = "511922"  # 南江县


def id_number(i):
    """A valid GB 11643 number, distinct for each i below 1000 * 18000."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=i // 1000)
    first17 = f"{DIVISION}{birth:%Y%m%d}{i % 1000:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def person(i):
    return {"person": {"name": f"学员{i}", "id_number": id_number(i), "mobile": f"137{i:08d}",
                       "migrant_worker": True}}


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


class Client:
    """One keep-alive connection; reconnects after a transport error."""

    def __init__(self, base, token, timeout):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = u.hostname, u.port, timeout
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self.conn = None

    def connect(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.connect()

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def call(self, method, path, body=None, headers=None):
        """(status, parsed body or text, response headers); status 0 when there was no answer."""
        h = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if headers:
            h.update(headers)
        try:
            self.connect()
            self.conn.request(method, path, body=data, headers=h)
            r = self.conn.getresponse()
            raw = r.read()
            if r.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return 0, f"{type(e).__name__}: {e}", {}
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        return r.status, parsed, dict(r.getheaders())


def must(client, method, path, expect, body=None, headers=None):
    status, parsed, hdrs = client.call(method, path, body, headers)
    if status != expect:
        log(f"set-up: {method} {path} answered {status}, expected {expect}: {str(parsed)[:500]}")
        sys.exit(2)
    return parsed, hdrs


def percentile(sorted_values, p):
    """Nearest rank."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def cpu_seconds(pid):
    """User + system CPU seconds of a process (and its finished children) from /proc; None if unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def run_phase(name, base, token, clients, jobs, timeout, server_pid):
    """Runs jobs (callables taking a Client, returning a result dict with at least `status`) on `clients`
    threads that start together; returns (results in job order, stats of the phase)."""
    results = [None] * len(jobs)
    lock = threading.Lock()
    cursor = [0]
    ready = threading.Barrier(clients + 1)
    conns = [Client(base, token, timeout) for _ in range(clients)]

    def worker(client):
        try:
            client.connect()
        except OSError as e:
            log(f"{name}: could not connect: {e}")
        ready.wait()
        while True:
            with lock:
                i = cursor[0]
                cursor[0] += 1
            if i >= len(jobs):
                break
            t0 = time.perf_counter()
            r = jobs[i](client)
            t1 = time.perf_counter()
            r["sent"], r["answered"], r["latency"] = t0, t1, t1 - t0
            results[i] = r
        client.close()

    threads = [threading.Thread(target=worker, args=(c,), daemon=True) for c in conns]
    for t in threads:
        t.start()
    load = os.getloadavg()[0]
    own0, server0 = os.times(), cpu_seconds(server_pid) if server_pid else None
    ready.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    own1, server1 = os.times(), cpu_seconds(server_pid) if server_pid else None
    own = (own1.user + own1.system) - (own0.user + own0.system)
    server = server1 - server0 if server0 is not None and server1 is not None else None
    return results, {"wall": wall, "load": load, "client_cpu": own, "server_cpu": server}


class Phase:
    """One kind of request over all rounds."""

    def __init__(self, name, clients, expect):
        self.name, self.clients, self.expect = name, clients, expect
        self.latencies, self.rates, self.loads = [], [], []
        self.requests = self.unexpected = 0
        self.wall = self.client_cpu = self.server_cpu = 0.0
        self.server_cpu_known = True

    def add(self, results, stats):
        self.latencies += [r["latency"] for r in results]
        self.requests += len(results)
        self.unexpected += sum(1 for r in results if r["status"] != self.expect)
        self.wall += stats["wall"]
        self.rates.append(len(results) / stats["wall"] if stats["wall"] > 0 else 0.0)
        self.loads.append(round(stats["load"], 2))
        self.client_cpu += stats["client_cpu"]
        if stats["server_cpu"] is None:
            self.server_cpu_known = False
        else:
            self.server_cpu += stats["server_cpu"]

    def row(self):
        lat = sorted(self.latencies)
        ms = lambda v: round(v * 1000, 2)  # noqa: E731
        return {
            "phase": self.name, "clients": self.clients, "rounds": len(self.rates), "requests": self.requests,
            "seconds": round(self.wall, 2), "per_second": round(self.requests / self.wall, 1) if self.wall else 0.0,
            "round_min": round(min(self.rates), 1) if self.rates else 0.0,
            "round_max": round(max(self.rates), 1) if self.rates else 0.0,
            "p50_ms": ms(percentile(lat, 50)), "p90_ms": ms(percentile(lat, 90)),
            "p99_ms": ms(percentile(lat, 99)), "max_ms": ms(lat[-1]) if lat else 0.0,
            "unexpected": self.unexpected, "loads": self.loads,
            "client_cpu_pct": round(100 * self.client_cpu / self.wall) if self.wall else 0,
            "server_cpu_pct": round(100 * self.server_cpu / self.wall) if self.wall and self.server_cpu_known else None,
        }


class Checks:
    """Checks of every course and round; passes are summarised by what was checked, failures listed."""

    def __init__(self):
        self.passed, self.failed = {}, []

    def check(self, ok, where, what, detail=""):
        if ok:
            self.passed[what] = self.passed.get(what, 0) + 1
        else:
            self.failed.append(f"{where}: {what}: {detail}" if detail else f"{where}: {what}")
            log(f"CHECK FAILED: {where}: {what}{': ' + detail if detail else ''}")
        return ok


def describe_errors(results, expect, limit=3):
    bad = [r for r in results if r["status"] != expect]
    counts = {}
    for r in bad:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    lines = [f"{n} answered {s}" for s, n in sorted(counts.items(), key=lambda kv: str(kv[0]))]
    for r in bad[:limit]:
        lines.append(f"e.g. {r.get('what', '')} -> {r['status']}: {str(r.get('body'))[:200]}")
    return lines


def first_come_violations(answers):
    """Answers of one course with `sent`, `answered` and `arrival`: those that got an arrival at or below
    one already answered before they were sent (the clients saw A answered, then sent B; B must come
    after A)."""
    by_answer = sorted(answers, key=lambda r: r["answered"])
    by_send = sorted(answers, key=lambda r: r["sent"])
    worst, j, out = 0, 0, []
    for b in by_send:
        while j < len(by_answer) and by_answer[j]["answered"] < b["sent"]:
            worst = max(worst, by_answer[j]["arrival"])
            j += 1
        if b["arrival"] <= worst:
            out.append((b["arrival"], worst))
    return out


def check_course(checks, client, cid, places, where, when):
    """The invariants that hold whatever happened: exactly `places` enrolled (the waitlist is long enough
    to refill every place), every enrolled arrival before every waitlisted one, waitlist positions 1..n in
    arrival order, arrivals unique, and the course row agreeing. Returns the enrolment list."""
    detail, _ = must(client, "GET", f"/api/v1/courses/{cid}", 200)
    listing, _ = must(client, "GET", f"/api/v1/courses/{cid}/enrolments", 200)
    items, course = listing["items"], detail["course"]
    enrolled = [e for e in items if e["status"] == "enrolled"]
    waitlisted = [e for e in items if e["status"] == "waitlisted"]
    checks.check(len(enrolled) == places, where, f"{when}: exactly {places} enrolled (list)",
                 f"{len(enrolled)} enrolled")
    arrivals = [e["arrival"] for e in items]
    checks.check(len(arrivals) == len(set(arrivals)), where, f"{when}: no arrival number twice (list)",
                 f"{len(arrivals) - len(set(arrivals))} repeated")
    w_arr = [e["arrival"] for e in waitlisted]
    checks.check(all(x < y for x, y in zip(w_arr, w_arr[1:])), where,
                 f"{when}: waitlist `arrival` strictly increasing, {len(w_arr)} waitlisted (list)")
    positions = [e["waitlist_position"] for e in waitlisted]
    checks.check(positions == list(range(1, len(waitlisted) + 1)), where,
                 f"{when}: waitlist positions 1..{len(waitlisted)} in that order (list)", f"got {positions[:10]}...")
    if enrolled and waitlisted:
        last_in, first_out = max(e["arrival"] for e in enrolled), min(w_arr)
        checks.check(last_in < first_out, where, f"{when}: every enrolled arrival before every waitlisted one (list)",
                     f"enrolled up to arrival {last_in}, waitlist from {first_out}")
    checks.check(course["enrolled_count"] == places and course["status"] == "full"
                 and detail["waitlisted_count"] == len(waitlisted), where,
                 f"{when}: GET /courses/{{id}} agrees: enrolled_count {places}, status full, "
                 f"waitlisted_count {len(waitlisted)}",
                 f"enrolled_count {course['enrolled_count']}, status {course['status']}, "
                 f"waitlisted_count {detail['waitlisted_count']}")
    return items


def create_courses(a, rnd):
    setup = Client(a.base, a.token, a.timeout)
    now = dt.datetime.now(dt.timezone.utc)
    beijing_today = (now + dt.timedelta(hours=8)).date()
    ids = []
    for n in range(1, a.courses + 1):
        course, _ = must(setup, "POST", "/api/v1/courses", 201, {
            "organisation_id": a.organisation, "title": f"压测培训班 {rnd}-{n}", "category": "vocational",
            "venue": "新市民学校", "venue_address": "南江县南江镇朝阳路 1 号", "venue_division": DIVISION,
            "max_places": a.places, "min_places": 0,
            "enrol_opens_at": (now - dt.timedelta(days=1)).isoformat(),
            "enrol_closes_at": (now + dt.timedelta(days=7)).isoformat(), "eligibility": "anyone"})
        cid = course["id"]
        must(setup, "POST", f"/api/v1/courses/{cid}/sessions", 201, {
            "date": (beijing_today + dt.timedelta(days=10)).isoformat(), "starts_at": "19:00",
            "ends_at": "21:00", "teacher": "王老师"})
        detail, _ = must(setup, "GET", f"/api/v1/courses/{cid}", 200)
        published, _ = must(setup, "POST", f"/api/v1/courses/{cid}/publish", 200, {},
                            {"If-Match": f'"{detail["course"]["version"]}"'})
        if published["status"] != "open":
            log(f"set-up: course {cid} is {published['status']} after publishing")
            sys.exit(2)
        ids.append(cid)
    setup.close()
    return ids


def enrol_job(cid, k):
    who = person(k)

    def job(client):
        status, body, _ = client.call("POST", f"/api/v1/courses/{cid}/enrolments", who)
        r = {"status": status, "course": cid, "what": f"enrol person {k} on {cid}"}
        if status == 201 and isinstance(body, dict):
            r.update(id=body.get("id"), arrival=body.get("arrival"), state=body.get("status"),
                     position=body.get("waitlist_position"))
        else:
            r["body"] = body
        return r
    return job


def withdraw_job(cid, eid):
    def job(client):
        status, body, _ = client.call("DELETE", f"/api/v1/courses/{cid}/enrolments/{eid}")
        r = {"status": status, "course": cid, "what": f"withdraw {eid} of {cid}"}
        if status == 200 and isinstance(body, dict):
            r["now"] = body.get("enrolment", {}).get("status")
            r["promoted"] = [(p.get("id"), p.get("status")) for p in body.get("promoted", [])]
        else:
            r["body"] = body
        return r
    return job


def one_round(a, rnd, enrol, withdraw, checks, notes):
    """Fresh courses, the enrol phase, its checks, the withdraw phase, its checks. False when a phase had
    unexpected answers (the run stops there)."""
    course_ids = create_courses(a, rnd)
    total = a.courses * a.attempts
    offset = (rnd - 1) * total
    jobs = [enrol_job(course_ids[k % a.courses], offset + k) for k in range(total)]
    results, stats = run_phase("enrol", a.base, a.token, a.clients, jobs, a.timeout, a.server_pid)
    enrol.add(results, stats)
    bad = [r for r in results if r["status"] != 201]
    log(f"round {rnd} enrol: {total} in {stats['wall']:.2f}s ({total / stats['wall']:.0f}/s), {len(bad)} unexpected")
    if not checks.check(not bad, f"round {rnd}", f"enrol: every answer 201 ({total} per round)",
                        "; ".join(describe_errors(results, 201))):
        return False

    verify = Client(a.base, a.token, a.timeout)
    by_course = {cid: [r for r in results if r["course"] == cid] for cid in course_ids}
    for n, cid in enumerate(course_ids, 1):
        answers, where = by_course[cid], f"round {rnd}, course {n}"
        arrivals = sorted(r["arrival"] for r in answers)
        checks.check(arrivals == list(range(1, a.attempts + 1)), where,
                     f"after enrol: the answers' arrivals are 1..{a.attempts}, each once",
                     f"{len(set(arrivals))} distinct of {len(answers)}, from {arrivals[:1]} to {arrivals[-1:]}")
        wrong = [r for r in answers
                 if (r["state"], r["position"]) != (("enrolled", None) if r["arrival"] <= a.places
                                                    else ("waitlisted", r["arrival"] - a.places))]
        checks.check(not wrong, where, f"after enrol: arrivals 1..{a.places} answered `enrolled`, the others "
                                       f"`waitlisted` at position arrival - {a.places}",
                     f"{len(wrong)} not, e.g. {[(r['arrival'], r['state'], r['position']) for r in wrong[:3]]}")
        late = first_come_violations(answers)
        checks.check(not late, where, "after enrol: first come, first served as the clients saw it (no request "
                                      "got an arrival before one whose answer came before it was sent)",
                     f"{len(late)} did, e.g. (arrival, already answered) {late[:3]}")
        items = check_course(checks, verify, cid, a.places, where, "after enrol")
        listed = {e["id"]: (e["arrival"], e["status"]) for e in items}
        answered = {r["id"]: (r["arrival"], r["state"]) for r in answers}
        checks.check(listed == answered, where,
                     "after enrol: the list holds exactly the answered enrolments, same arrival and status",
                     f"{len(set(listed.items()) ^ set(answered.items()))} differ")

    if a.withdraw > 0:
        eid_at = {(r["course"], r["arrival"]): r["id"] for r in results}
        targets = [(cid, eid_at[(cid, k)]) for k in range(1, a.withdraw + 1) for cid in course_ids]
        results, stats = run_phase("withdraw", a.base, a.token, a.clients,
                                   [withdraw_job(c, e) for c, e in targets], a.timeout, a.server_pid)
        withdraw.add(results, stats)
        bad = [r for r in results if r["status"] != 200]
        log(f"round {rnd} withdraw: {len(targets)} in {stats['wall']:.2f}s "
            f"({len(targets) / stats['wall']:.0f}/s), {len(bad)} unexpected")
        if not checks.check(not bad, f"round {rnd}", f"withdraw: every answer 200 ({len(targets)} per round)",
                            "; ".join(describe_errors(results, 200))):
            return False
        where = f"round {rnd}"
        checks.check(all(r["now"] == "removed" for r in results), where, "withdraw: every answer says `removed`")
        promoted = [p for r in results for p in r["promoted"]]
        checks.check(all(s == "enrolled" for _, s in promoted), where,
                     "withdraw: every promoted enrolment answered `enrolled`")
        pids = [p for p, _ in promoted]
        checks.check(len(pids) == len(set(pids)), where, "withdraw: nobody promoted twice",
                     f"{len(pids) - len(set(pids))} repeated")
        first = {r["id"]: r["arrival"] for c in course_ids for r in by_course[c]}
        checks.check(all(first.get(p, 0) > a.places for p in pids), where,
                     "withdraw: only people first waitlisted were promoted")
        notes.append(len(pids))
        withdrawn = {e for _, e in targets}
        for n, cid in enumerate(course_ids, 1):
            where = f"round {rnd}, course {n}"
            items = check_course(checks, verify, cid, a.places, where, "after withdraw")
            removed = {e["id"] for e in items if e["status"] == "removed"}
            checks.check(removed == {e for c, e in targets if c == cid}, where,
                         f"after withdraw: exactly the {a.withdraw} withdrawn are `removed`", f"{len(removed)} removed")
            live = sorted(e["arrival"] for e in items if e["id"] not in withdrawn)
            now_in = sorted(e["arrival"] for e in items if e["status"] == "enrolled")
            checks.check(now_in == live[:a.places], where,
                         f"after withdraw: the enrolled are the {a.places} earliest arrivals still there "
                         f"({live[0]}..{live[a.places - 1]})", f"enrolled arrivals {now_in[:5]}...")
            course_promoted = {p for r in results if r["course"] == cid for p, _ in r["promoted"]}
            moved_up = {e["id"] for e in items if e["status"] == "enrolled" and e["arrival"] > a.places}
            checks.check(moved_up <= course_promoted, where,
                         "after withdraw: everyone enrolled from the waitlist was named in a withdrawal's `promoted`",
                         f"{len(moved_up - course_promoted)} not")
            notices, _ = must(verify, "GET", f"/api/v1/courses/{cid}/notices", 200)
            told = [x["enrolment_id"] for x in notices["items"] if x["kind"] == "waitlist_promoted"]
            checks.check(sorted(told) == sorted(course_promoted), where,
                         "after withdraw: one `waitlist_promoted` notice per promotion (GET /courses/{id}/notices)",
                         f"{len(told)} notices, {len(set(told))} distinct, {len(course_promoted)} promoted")
    verify.close()
    return True


def fmt_row(r):
    server = "?" if r["server_cpu_pct"] is None else f"{r['server_cpu_pct']}%"
    return (f"| {r['phase']} | {r['clients']} | {r['rounds']} x {r['requests'] // max(r['rounds'], 1)} | "
            f"{r['seconds']:.2f} s | **{r['per_second']:.0f}** | {r['round_min']:.0f}–{r['round_max']:.0f} | "
            f"{r['p50_ms']:.1f} ms | {r['p90_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['max_ms']:.1f} ms | "
            f"{r['unexpected']} | {server} | {r['client_cpu_pct']}% |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--organisation", required=True)
    ap.add_argument("--out", required=True, help="directory for table.md, checks.md, summary.json")
    ap.add_argument("--courses", type=int, default=4)
    ap.add_argument("--places", type=int, default=30)
    ap.add_argument("--attempts", type=int, default=500, help="enrolments per course")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--withdraw", type=int, default=60, help="withdrawals per course; 0 skips the phase")
    ap.add_argument("--rounds", type=int, default=5, help="times the whole scenario runs, on fresh courses")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds one request may take")
    ap.add_argument("--server-pid", type=int, default=0, help="the server, for its CPU time")
    a = ap.parse_args()
    if not (1 <= a.courses <= 100 and 1 <= a.places <= 10000 and 1 <= a.clients <= 1024 and 1 <= a.rounds <= 100):
        ap.error("courses 1..100, places 1..10000, clients 1..1024, rounds 1..100")
    if not (a.places < a.attempts and a.rounds * a.courses * a.attempts <= 1_000_000):
        ap.error("attempts must be more than places (a waitlist); rounds x courses x attempts at most 1000000")
    if not (0 <= a.withdraw and a.withdraw + a.places <= a.attempts):
        ap.error("withdraw + places must not exceed attempts (the waitlist refills every place)")

    checks, notes = Checks(), []
    enrol = Phase("enrol: `POST /courses/{id}/enrolments`", a.clients, 201)
    withdraw = Phase("withdraw: `DELETE /courses/{id}/enrolments/{eid}`", a.clients, 200)
    for rnd in range(1, a.rounds + 1):
        if not one_round(a, rnd, enrol, withdraw, checks, notes):
            break
    rows = [enrol.row()] + ([withdraw.row()] if withdraw.requests else [])

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "table.md"), "w", encoding="utf-8") as f:
        f.write("| phase | clients | rounds x requests | wall time | requests/s | per round | p50 | p90 | p99 | max "
                "| non-2xx | server CPU | load generator CPU |\n")
        f.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        for r in rows:
            f.write(fmt_row(r) + "\n")
    with open(os.path.join(a.out, "checks.md"), "w", encoding="utf-8") as f:
        for c in checks.failed:
            f.write(f"- **FAILED** {c}\n")
        for c, n in checks.passed.items():
            f.write(f"- {c}: passed {n} times\n")
    with open(os.path.join(a.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump({"phases": rows, "promotions_per_round": notes, "checks_passed": sum(checks.passed.values()),
                   "failed": checks.failed}, f, ensure_ascii=False, indent=1)
    for r in rows:
        print(fmt_row(r))
    log(f"{sum(checks.passed.values())} checks passed, {len(checks.failed)} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
