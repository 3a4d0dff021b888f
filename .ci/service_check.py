#!/usr/bin/env python3
"""Runs the built samples/BuyingJourney.Service as a real process on a free 127.0.0.1 port and drives it over HTTP.

Usage: service_check.py --service DLL --results FILE   (the results file gets one line "PASSED FAILED")

The service runs in the Production environment from its output folder, on a fresh SQLite file, with a random signing
key in Auth__SigningKey; tokens come from the sample's own command (`dotnet DLL token <tenant>`). Each check below
counts as one test; the process is stopped by its pid at the end, whatever happened.
"""
import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args):
    dll = os.path.abspath(args.service)
    folder = tempfile.mkdtemp(prefix="bj-service-ci-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ,
               ASPNETCORE_URLS=base,
               ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Journeys="Data Source=" + os.path.join(folder, "journeys.db"),
               Auth__SigningKey=secrets.token_hex(32))
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"service: ok    {name}")
        else:
            failed += 1
            print(f"service: FAIL  {name} {detail}")

    def call(method, path, token=None, body=None, headers=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request(base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read().decode()

    def token(tenant):
        out = subprocess.run(["dotnet", dll, "token", tenant], cwd=os.path.dirname(dll), env=env,
                             capture_output=True, text=True, timeout=120)
        lines = out.stdout.strip().splitlines()
        return lines[-1] if out.returncode == 0 and lines else None

    log = open(os.path.join(folder, "service.log"), "w")
    process = subprocess.Popen(["dotnet", dll], cwd=os.path.dirname(dll), env=env, stdout=log, stderr=subprocess.STDOUT)
    print(f"service: pid {process.pid} on {base}")
    try:
        healthy = False
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                healthy = call("GET", "/health")[0] == 200
            except OSError:
                healthy = False
            if healthy:
                break
            time.sleep(0.5)
        check("GET /health without a token is 200", healthy)
        if not healthy:
            log.flush()
            print(open(log.name).read()[-3000:], file=sys.stderr)
            return passed, failed

        acme, globex = token("acme"), token("globex")
        check("token command prints a token per tenant", bool(acme) and bool(globex) and acme != globex and acme.count(".") == 2)
        day = "2026-01-0{}T10:00:00Z"
        signals = [{"id": f"s{i}", "journeyId": "deal-42", "occurredAt": day.format(i), "type": t}
                   for i, t in ((1, "problem.stated"), (2, "problem.defined"), (3, "problem.stated"))]
        status, _, text = call("POST", "/journeys/signals", acme, {"signals": signals})
        outcomes = json.loads(text).get("outcomes", []) if status == 200 else []
        check("POST /journeys/signals records the batch", [o.get("status") for o in outcomes] == ["Applied"] * 3, f"{status} {text[:300]}")

        status, _, text = call("GET", "/journeys/deal-42", acme)
        journey = json.loads(text) if status == 200 else {}
        check("GET /journeys/{id} is the assessment with its loop-back",
              journey.get("journeyId") == "deal-42" and journey.get("loopBacks") == 1 and journey.get("tasks"), f"{status} {text[:300]}")

        status, _, text = call("GET", "/feed", acme)
        events = json.loads(text).get("events", []) if status == 200 else []
        check("GET /feed tells the loop-back", any(e.get("type") == "task.looped_back" and e.get("signalId") == "s3" for e in events), f"{status} {text[:300]}")

        status, kind, text = call("GET", "/journeys/deal-42/report", acme)
        check("GET /journeys/{id}/report is HTML", status == 200 and kind.startswith("text/html") and "<html" in text, f"{status} {kind}")

        status, kind, text = call("GET", "/dashboard", acme)
        check("GET /dashboard is the tenant's pipeline as one HTML page", status == 200 and kind.startswith("text/html") and 'data-chart="maze"' in text and 'data-chart="summary"' in text, f"{status} {kind} {text[:200]}")

        status, _, _ = call("GET", "/journeys/deal-42", globex)
        check("another tenant cannot read the journey (404)", status == 404, str(status))
        call("POST", "/journeys/signals", globex, {"signals": [{"id": "g1", "journeyId": "deal-42", "occurredAt": day.format(4), "type": "solution.researched"}]})
        acme_ids = {e.get("signalId") for e in json.loads(call("GET", "/feed", acme)[2]).get("events", [])}
        globex_ids = {e.get("signalId") for e in json.loads(call("GET", "/feed", globex)[2]).get("events", [])}
        check("the same journey id in two tenants: each feed has its own signals only", acme_ids and "g1" not in acme_ids and globex_ids == {"g1"}, f"{acme_ids} {globex_ids}")

        request = urllib.request.Request(base + "/feed/stream", headers={"Authorization": "Bearer " + acme, "Last-Event-ID": str(len(events) - 1)})
        try:
            with urllib.request.urlopen(request, timeout=30) as stream:
                first = ""
                while not first.startswith("id: "):
                    line = stream.readline()
                    if not line:
                        break  # the stream ended
                    first = line.decode().strip()
                check("GET /feed/stream resumes after Last-Event-ID", stream.headers.get("Content-Type", "").startswith("text/event-stream") and first == f"id: {events[-1]['position']}", first)
        except OSError as error:
            check("GET /feed/stream resumes after Last-Event-ID", False, str(error))

        status, kind, text = call("POST", "/journeys/signals", acme, {"signals": [{"id": " ", "journeyId": "deal-42", "occurredAt": day.format(5), "type": "problem.stated"}]})
        check("a signal with a blank id is 400 naming signals[0].id", status == 400 and kind.startswith("application/problem+json") and "signals[0].id" in text, f"{status} {text[:300]}")
        status, _, _ = call("POST", "/journeys/signals", acme, b'{"signals":[{"id":"' + b"x" * (2 * 1024 * 1024) + b'"}]}')
        check("a body over the limit is 413", status == 413, str(status))

        check("no token is 401", call("GET", "/feed")[0] == 401)
        check("a token signed with another key is 401", call("GET", "/feed", acme[:-4] + ("AAAA" if not acme.endswith("AAAA") else "BBBB"))[0] == 401)
        check("GET /openapi/v1.json without a token is 200", call("GET", "/openapi/v1.json")[0] == 200)
        status, _, text = call("POST", "/rebuild", acme)
        check("POST /rebuild is accepted for the caller's tenant", status == 202 and json.loads(text).get("tenant") == "acme", f"{status} {text[:200]}")
        return passed, failed
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        print(f"service: pid {process.pid} stopped (exit code {process.returncode})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--service", required=True)
    parser.add_argument("--results", required=True)
    args = parser.parse_args()
    passed, failed = run(args)
    print(f"service: {passed} passed, {failed} failed")
    with open(args.results, "w") as f:
        f.write(f"{passed} {failed}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
