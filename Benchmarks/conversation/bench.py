#!/usr/bin/env python3
"""Live list of speakers under load.

1. Starts the release `ipai serve` (one, or --servers N sharing the PostgreSQL --database) on a
   temporary data directory, signs in as the new administrator (the Secretariat) and sets up a
   conversation, session and panel through the API; delegates (users made through the API) get
   approved registrations written straight into the database (the participation API is another
   part's, so the benchmark does not depend on its shape).
2. Opens --viewers concurrent server-sent-event streams on /api/v1/panels/{id}/floor/events
   (raw asyncio sockets, spread over the servers).
3. Performs --changes floor changes in turn — a delegate asks for the floor, the moderator gives
   it, the moderator ends it — one every --interval seconds, alternating the server called.
   Every change raises the panel's revision by one; each event carries it as its `id`.
4. For every viewer and change: delay from just before the API call to the event's arrival.
Prints one table: viewers, changes, p50/p99/max delivery latency, events lost.
"""
import argparse, asyncio, json, os, shutil, sqlite3, subprocess, sys, tempfile, time, urllib.error, urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def call(base, method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else {}, response.headers


def start_server(ipai, port, data_dir, database):
    command = [ipai, "serve", "--port", str(port), "--no-demo", "--no-jobs", "--log-level", "warning", "--rate-limit", "1000000"]
    command += ["--database", database] if database else ["--data", data_dir]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    password = None
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).read()
            break
        except Exception:
            time.sleep(0.2)
    # The one-time password is printed on the first start only.
    os.set_blocking(server.stdout.fileno(), False)
    for line in (server.stdout.read() or "").splitlines():
        if "password:" in line:
            password = line.split("password:", 1)[1].strip()
    return server, password


def token_for(base, username, password):
    session, headers = call(base, "POST", "/api/v1/session", {"username": username, "password": password})
    cookie = headers.get("Set-Cookie", "").split(";")[0]
    request = urllib.request.Request(base + "/api/v1/tokens", data=json.dumps({"name": "bench", "rate_per_minute": 100000}).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Cookie", cookie)
    request.add_header("X-CSRF-Token", session["csrf_token"])
    try:
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())["token"]
    except urllib.error.HTTPError as error:
        sys.exit(f"bench: token for {username}: {error.code} {error.read().decode()}")


def approve(database, data_dir, rows):
    """Approved registrations (id, conversation, user, category, delegation, name)."""
    sql = ("INSERT INTO conv_registrations (id, conversation_id, user_id, category, delegation, display_name, status, focal_point, created_at) "
           "VALUES ({}, {}, {}, '{}', '{}', '{}', 'approved', 0, {})")
    now = int(time.time() * 1000)
    statements = [sql.format(*row, now) for row in rows]
    if database:
        subprocess.run(["psql", database, "-q", "-c", "; ".join(statements)], check=True)
    else:
        connection = sqlite3.connect(os.path.join(data_dir, "ipai.sqlite"), timeout=30)
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()


class Viewer:
    def __init__(self):
        self.arrivals = {}  # revision -> monotonic time
        self.first = None

    async def run(self, port, path, ready):
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        revision = None
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                if line.startswith(b"id: "):
                    revision = int(line[4:].strip())
                elif line.startswith(b"data: ") and revision is not None:
                    now = time.monotonic()
                    if self.first is None:
                        self.first = revision
                        ready.release()
                    self.arrivals.setdefault(revision, now)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            writer.close()


async def main_async(args, bases, ports, panel, moderator, delegates):
    path = f"/api/v1/panels/{panel}/floor/events"
    viewers = [Viewer() for _ in range(args.viewers)]
    ready = asyncio.Semaphore(0)
    tasks = []
    for index, viewer in enumerate(viewers):
        tasks.append(asyncio.create_task(viewer.run(ports[index % len(ports)], path, ready)))
        if index % 100 == 99:
            await asyncio.sleep(0.05)
    for _ in viewers:
        await asyncio.wait_for(ready.acquire(), timeout=120)
    loop = asyncio.get_running_loop()
    snapshot, _ = await loop.run_in_executor(None, call, bases[0], "GET", f"/api/v1/panels/{panel}/floor")
    base_revision = snapshot["revision"]
    await asyncio.sleep(1)
    started = []  # (revision, t0)
    for change in range(args.changes):
        step = change % 3
        base = bases[change % len(bases)]
        delegate = delegates[(change // 3) % len(delegates)]
        t0 = time.monotonic()
        if step == 0:
            await loop.run_in_executor(None, call, base, "POST", f"/api/v1/panels/{panel}/floor/requests", {"kind": "floor"}, delegate)
        elif step == 1:
            await loop.run_in_executor(None, call, base, "POST", f"/api/v1/panels/{panel}/floor/give", {}, moderator)
        else:
            await loop.run_in_executor(None, call, base, "POST", f"/api/v1/panels/{panel}/floor/end", None, moderator)
        started.append((base_revision + change + 1, t0))
        await asyncio.sleep(args.interval)
    await asyncio.sleep(3)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    delays, lost = [], 0
    for viewer in viewers:
        for revision, t0 in started:
            arrived = viewer.arrivals.get(revision)
            if arrived is None:
                lost += 1
            else:
                delays.append((arrived - t0) * 1000)
    return delays, lost


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ipai", default=os.path.join(REPO, ".build", "release", "ipai"))
    parser.add_argument("--viewers", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument("--interval", type=float, default=0.3, help="seconds between changes")
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--database", default=None, help="PostgreSQL URL (an empty scratch database is made on it)")
    parser.add_argument("--port", type=int, default=18700)
    args = parser.parse_args()
    if args.servers > 1 and not args.database:
        sys.exit("bench: several servers need --database postgres://…")
    data_dir = tempfile.mkdtemp(prefix="ipai-floor-bench-")
    database = None
    scratch = None
    if args.database:
        scratch = f"ipai_floor_bench_{os.getpid()}"
        subprocess.run(["psql", args.database, "-q", "-c", f"CREATE DATABASE {scratch}"], check=True)
        database = args.database.rsplit("/", 1)[0] + "/" + scratch
    servers = []
    try:
        ports = [args.port + index for index in range(args.servers)]
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        password = None
        for port in ports:
            server, found = start_server(args.ipai, port, data_dir, database)
            servers.append(server)
            password = password or found
        if not password:
            sys.exit("bench: the server printed no administrator password")
        admin = token_for(bases[0], "admin", password)
        conversation, _ = call(bases[0], "POST", "/api/v1/conversations", {"title": {"en": "Benchmark conversation"}}, admin)
        session, _ = call(bases[0], "POST", f"/api/v1/conversations/{conversation['id']}/sessions",
                          {"number": 1, "title": {"en": "Session"}, "starts_on": "2025-04-23", "ends_on": "2025-04-23", "place": "Geneva",
                           "format": "hybrid", "languages": ["en"]}, admin)
        panel, _ = call(bases[0], "POST", f"/api/v1/sessions/{session['id']}/panels", {"position": 1, "theme": {"en": "Panel"}}, admin)
        delegates, rows = [], []
        for index, (category, delegation) in enumerate([("member_state", "Kenya"), ("member_state", "Brazil"), ("ngo", "AIPPI")]):
            user, _ = call(bases[0], "POST", "/api/v1/users", {"username": f"delegate{index}", "role": "viewer", "password": "a long password 1"}, admin)
            rows.append((int(time.time() * 1000) * 1000 + index, conversation["id"], user["id"], category, delegation, f"Delegate {index}"))
            delegates.append(token_for(bases[0], f"delegate{index}", "a long password 1"))
        approve(database, data_dir, rows)
        call(bases[0], "PATCH", f"/api/v1/panels/{panel['id']}/floor/settings", {"floor_open": True}, admin)
        delays, lost = asyncio.run(main_async(args, bases, ports, panel["id"], admin, delegates))
        backend = f"PostgreSQL, {args.servers} server(s)" if database else "SQLite, 1 server"
        print(f"| backend | viewers | changes | deliveries | p50 ms | p99 ms | max ms | lost |")
        print(f"|---|---|---|---|---|---|---|---|")
        print(f"| {backend} | {args.viewers} | {args.changes} | {len(delays)} | {percentile(delays, .5):.1f} | {percentile(delays, .99):.1f} | {max(delays) if delays else float('nan'):.1f} | {lost} |")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
        if scratch:
            subprocess.run(["psql", args.database, "-q", "-c", f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)"])


if __name__ == "__main__":
    main()
