#!/usr/bin/env python3
"""Measures Phone.Web as a child process against tools/perf/sipserver.py on loopback.

  footprint: N lines (sync off) -> cold start to first REGISTER, to all registered, idle RSS and CPU.
  scale:     N BroadWorks lines (sync on) -> cold start to all registered+subscribed (full state
             NOTIFY answered), RSS, idle CPU, then DND NOTIFYs at a fixed rate, checked against
             /api/status line by line.

Usage (from the repository root, after `dotnet build -c Release Phone.Web`):
  python3 tools/perf/measure.py footprint --lines 16
  python3 tools/perf/measure.py scale --lines 1000 --rate 1000 --seconds 10
Prints one JSON object with every figure and the load average before and after.
"""
import argparse
import asyncio
import base64
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from sipserver import Server  # noqa: E402
from hubclient import HubClient  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PASSWORD = "perf-admin-password"
AUTH = "Basic " + base64.b64encode(("admin:" + PASSWORD).encode()).decode()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg():
    return open("/proc/loadavg").read().split()[:3]


def udp_rcvbuf_errors():
    """Datagrams the kernel dropped for a full socket receive buffer (whole network namespace)."""
    lines = [l.split() for l in open("/proc/net/snmp") if l.startswith("Udp:")]
    return int(lines[1][lines[0].index("RcvbufErrors")])


def udp_receive_queues():
    """Bytes waiting in each loopback UDP socket's receive buffer: {local port: bytes}."""
    queues = {}
    for line in open("/proc/net/udp").readlines()[1:]:
        fields = line.split()
        address, port = fields[1].split(":")
        if address == "0100007F":  # 127.0.0.1
            queues[int(port, 16)] = int(fields[4].split(":")[1], 16)
    return queues


async def watch_receive_queues(server_port, peaks, step=0.01):
    """Keeps the largest backlog seen in the server's socket and in any other loopback UDP socket (the phone's)."""
    while True:
        for port, waiting in udp_receive_queues().items():
            key = "server" if port == server_port else "phone"
            peaks[key] = max(peaks.get(key, 0), waiting)
        await asyncio.sleep(step)


# Every run of a kept data directory (--data) starts from the database as prepared: the sync log
# and trace tables otherwise grow with each run's storm, and the start-up check (PRAGMA
# quick_check) reads the whole file, so later runs would start slower than earlier ones.
PREPARED = "prepared"


def database_files(folder):
    return [f for f in os.listdir(folder) if f.startswith("featuresync.db") and os.path.isfile(os.path.join(folder, f))]


def keep_prepared(data):
    kept = os.path.join(data, PREPARED)
    shutil.rmtree(kept, ignore_errors=True)
    os.makedirs(kept)
    for f in database_files(data):
        shutil.copy2(os.path.join(data, f), os.path.join(kept, f))


def restore_prepared(data):
    kept = os.path.join(data, PREPARED)
    if not os.path.isdir(kept):
        return False
    for f in database_files(data):
        os.remove(os.path.join(data, f))
    for f in database_files(kept):
        shutil.copy2(os.path.join(kept, f), os.path.join(data, f))
    return True


def rss_mib(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def rss_by_mapping(pid):
    """RSS in KiB per kind of mapping: framework images, other files, JIT code, GC/anonymous, native heap, stacks."""
    kinds = {}
    name = None
    for line in open("/proc/%d/smaps" % pid):
        parts = line.split()
        if "-" in parts[0] and len(parts) >= 5 and ":" in parts[3]:
            path = parts[5] if len(parts) > 5 else ""
            if "/shared/Microsoft." in path:
                name = "framework images"
            elif "doublemapper" in path:
                name = "JIT code (doublemapper)"
            elif path == "[heap]":
                name = "native heap (brk)"
            elif path.startswith("[stack"):
                name = "main stack"
            elif path.startswith("/"):
                name = "other files (" + os.path.basename(path) + ")" if path.endswith(".so") or ".so." in path else "other files"
            else:
                name = "anonymous (GC heap, malloc arenas, thread stacks)"
        elif parts[0] == "Rss:":
            kinds[name] = kinds.get(name, 0) + int(parts[1])
    return dict(sorted(((k, round(v / 1024, 1)) for k, v in kinds.items() if v >= 512), key=lambda kv: -kv[1]))


def largest_anonymous(pid, count=12):
    """(size KiB, RSS KiB, permissions) of the anonymous mappings holding the most RSS."""
    found, current = [], None
    for line in open("/proc/%d/smaps" % pid):
        parts = line.split()
        if "-" in parts[0] and len(parts) >= 5 and ":" in parts[3]:
            start, end = (int(x, 16) for x in parts[0].split("-"))
            current = [(end - start) // 1024, 0, parts[1]] if len(parts) == 5 else None
            if current:
                found.append(current)
        elif parts[0] == "Rss:" and current:
            current[1] = int(parts[1])
    return sorted(found, key=lambda m: -m[1])[:count]


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds_by_thread(pid):
    """CPU seconds of each thread: {tid: (name without its digits, e.g. ".NET TP Worker", seconds)}."""
    threads = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            stat = open("/proc/%d/task/%s/stat" % (pid, tid)).read()
        except OSError:
            continue  # the thread ended
        name = stat[stat.index("(") + 1:stat.rindex(")")].rstrip("0123456789. ") or "?"
        fields = stat.rsplit(")", 1)[1].split()
        threads[tid] = (name, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
    return threads


def cpu_us_per_item_by_thread(before, after, items):
    """Each thread group's CPU in the phase, in us per item, from the threads alive at its end (one
    that ended in between is missing here; its time still counts in the process total)."""
    groups = {}
    for tid, (name, seconds) in after.items():
        groups[name] = groups.get(name, 0) + seconds - (before[tid][1] if tid in before else 0)
    return {name: round(1e6 * spent / max(1, items), 1) for name, spent in sorted(groups.items(), key=lambda g: -g[1]) if spent > 0}


class Web:
    def __init__(self, data, lines, configuration, env=(), log=None, app=None):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        dll = os.path.join(app, "Phone.Web.dll") if app else os.path.join(ROOT, "Phone.Web", "bin", configuration, "net10.0", "Phone.Web.dll")
        # A self-contained publish (its own runtime beside it) runs by its apphost, not by `dotnet`.
        self_contained = app and os.path.exists(os.path.join(app, "libcoreclr.so"))
        launcher = [os.path.join(app, "Phone.Web")] if self_contained else ["dotnet", dll]
        args = launcher + ["--urls=" + self.base, "--FeatureSync:DataDirectory=" + data,
                "--FeatureSync:Sip:Address=127.0.0.1", "--FeatureSync:Sip:Port=0",
                "--FeatureSync:AdminPassword=" + PASSWORD, "--FeatureSync:MaxLines=%d" % lines,
                "--Logging:LogLevel:Default=Warning",
                # The tool writes 1,000 lines through the API: lift the per-client API limit for it.
                "--FeatureSync:Web:RateLimit:PermitLimit=1000000"]
        self.started = time.monotonic()
        environment = dict(os.environ, **dict(e.split("=", 1) for e in env))
        out = open(log, "ab") if log else subprocess.DEVNULL
        self.proc = subprocess.Popen(args, cwd=os.path.dirname(dll), env=environment, stdout=out, stderr=out)

    def call(self, method, path, body=None, attempts=1):
        for attempt in range(attempts):
            try:
                return self.call_once(method, path, body)
            except urllib.error.HTTPError as e:
                # Preparation only: on a loaded machine a write can meet "database is locked" (500).
                if e.code != 500 or attempt == attempts - 1:
                    raise
                time.sleep(0.5)

    def call_once(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": AUTH, "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read()
            return json.loads(text) if text else None

    async def healthy(self, within=60):
        end = time.monotonic() + within
        while time.monotonic() < end:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2).read()
                return time.monotonic()
            except OSError:
                await asyncio.sleep(0.02)
        raise TimeoutError("Phone.Web not healthy")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_profilers(a, pid):
    """dotnet-trace / dotnet-counters attached for the NOTIFY phase only (installed as dotnet tools)."""
    tools = os.path.expanduser("~/.dotnet/tools")
    started = []
    if a.trace:
        started.append(subprocess.Popen([os.path.join(tools, "dotnet-trace"), "collect", "-p", str(pid), "--profile", a.trace_profile,
                                         "--duration", duration(a.seconds + 3), "-o", a.trace], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    if a.perf:
        # Linux perf samples CPU only (no waits); run Phone.Web with --env DOTNET_PerfMapEnabled=1
        # so JIT-compiled methods have names (/tmp/perf-<pid>.map); PERF_FREQUENCY sets the rate (499 Hz).
        started.append(subprocess.Popen(["perf", "record", "-F", os.environ.get("PERF_FREQUENCY", "499"), "-g", "-p", str(pid), "-o", a.perf, "--", "sleep", str(a.seconds + 1)],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    if a.counters:
        started.append(subprocess.Popen([os.path.join(tools, "dotnet-counters"), "collect", "-p", str(pid), "--format", "csv", "-o", a.counters, "--duration", duration(a.seconds + 3),
                                         "--counters", "System.Runtime,FeatureSync.Sip,FeatureSync.Storage,FeatureSync.Web"],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    if started:
        time.sleep(2)  # the session is set up before the first NOTIFY
    return started


def duration(seconds):
    return "00:00:%02d:%02d" % divmod(seconds, 60)


def stop_profilers(started):
    """Each stops itself after its --duration (a signal can cut the trace file short)."""
    for p in started:
        try:
            p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            p.kill()


async def send_storm(server, users, rate, total, pid):
    """NOTIFYs at a fixed rate, round-robin over the lines, random DND each; returns the peak RSS seen."""
    start = time.monotonic()
    peak = rss_mib(pid)
    for i in range(total):
        target = start + i / rate
        delay = target - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        server.notify(users[i % len(users)], dnd=random.random() < 0.5)
        if i % 100 == 0:
            peak = max(peak, rss_mib(pid))
    return peak


async def wait_for(condition, within, step=0.05):
    end = time.monotonic() + within
    while time.monotonic() < end:
        if condition():
            return time.monotonic()
        await asyncio.sleep(step)
    return None


def user(n):
    return str(20000 + n)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["footprint", "scale"])
    parser.add_argument("--lines", type=int, default=16)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=0, help="seconds of the same storm before the measured one (JIT warm-up; reported apart)")
    parser.add_argument("--idle", type=int, default=10)
    parser.add_argument("--settle", type=int, default=10)
    parser.add_argument("--configuration", default="Release")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for Phone.Web, e.g. DOTNET_gcServer=0")
    parser.add_argument("--app", help="run the Phone.Web.dll in this folder (e.g. a `dotnet publish` output) instead of bin/<configuration>; a self-contained publish runs by its apphost")
    parser.add_argument("--data", help="keep the prepared data directory here and reuse it on the next run (same mode and lines)")
    parser.add_argument("--log", help="append Phone.Web's console output (warnings and errors) to this file")
    parser.add_argument("--trace", help="write a dotnet-trace CPU sample of the NOTIFY phase to this .nettrace file")
    parser.add_argument("--hub-client", action="store_true", help="keep one status-hub client connected during the storm (a Status page left open), so live pushes are measured")
    parser.add_argument("--trace-profile", default="dotnet-sampled-thread-time", help="dotnet-trace profile for --trace (gc-verbose: sampled allocations by type)")
    parser.add_argument("--perf", help="write a Linux perf CPU profile (perf record -g) of the NOTIFY phase to this file")
    parser.add_argument("--gcdump", help="write a dotnet-gcdump of the idle process to this file (after the idle RSS is read)")
    parser.add_argument("--counters", help="write dotnet-counters (FeatureSync.*, System.Runtime) of the NOTIFY phase to this .csv file")
    a = parser.parse_args()
    sync = a.mode == "scale"
    result = {"mode": a.mode, "lines": a.lines, "env": a.env, "load_before": loadavg()}

    # A kept data directory (--data) remembers the SIP server's port, so its lines point at the
    # server of the next run and the slow preparation through the API is done once.
    prepared = a.data and os.path.exists(os.path.join(a.data, "perf-setup.json"))
    setup = json.load(open(os.path.join(a.data, "perf-setup.json"))) if prepared else {}
    if prepared and (setup["lines"], setup["mode"]) != (a.lines, a.mode):
        sys.exit("--data %s was prepared for %s with %d lines" % (a.data, setup["mode"], setup["lines"]))
    loop = asyncio.get_running_loop()
    transport, server = await loop.create_datagram_endpoint(Server, local_addr=("127.0.0.1", setup.get("port", 0)))
    sip_port = transport.get_extra_info("sockname")[1]
    # The start's burst (1,000 REGISTERs, SUBSCRIBEs and NOTIFY answers in about a second, read by
    # this one Python thread while the phone uses both cores) overflowed the default 208 KiB
    # receive buffer: some 500 datagrams were dropped here, and each drop cost a 500 ms
    # retransmission that was then counted against the phone's start. 4 MiB (net.core.rmem_max
    # here) holds it; start_phase_server_drops reports any drop that still happens.
    transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    asyncio.ensure_future(server.retransmit())
    data = a.data or tempfile.mkdtemp(prefix="featuresync-perf-")
    os.makedirs(data, exist_ok=True)
    web = None
    try:
        # 1. Prepare the data directory: lines pointing at our server, then a clean stop.
        if not prepared:
            web = Web(data, a.lines, a.configuration, log=a.log, app=a.app)
            await web.healthy()
            profile = None
            if sync:
                profile = web.call("POST", "/api/pbx-profiles", {"preset": "BroadWorks", "name": "BW perf"})["id"]
            for n in range(1, a.lines + 1):
                web.call("PUT", "/api/lines/%d" % n, {"enabled": True, "user": user(n), "registrar": "127.0.0.1", "port": sip_port,
                                                       "featureSync": sync, "pbxProfileId": profile}, attempts=10)
            web.stop()
            if a.data:
                keep_prepared(data)
                json.dump({"port": sip_port, "lines": a.lines, "mode": a.mode}, open(os.path.join(data, "perf-setup.json"), "w"))
            await asyncio.sleep(1)  # let the loop read the stopping process's last datagrams before the reset

        # 2. The measured cold start.
        if prepared:
            result["database_restored_as_prepared"] = restore_prepared(data)
        server.__init__()
        server.transport = transport
        start_drops0 = udp_rcvbuf_errors()
        queue_peaks = {}
        watcher = asyncio.ensure_future(watch_receive_queues(transport.get_extra_info("sockname")[1], queue_peaks))
        tool_cpu0 = time.process_time()
        web = Web(data, a.lines, a.configuration, a.env, log=a.log, app=a.app)
        t0 = web.started
        healthy = await web.healthy()
        result["start_to_healthz_s"] = round(healthy - t0, 3)
        first = await wait_for(lambda: server.first_register is not None, 60, 0.005)
        result["start_to_first_register_s"] = round(server.first_register - t0, 3) if first else None
        done = await wait_for(lambda: len(server.registered) >= a.lines, 120)
        result["start_to_all_registered_s"] = round(max(server.registered.values()) - t0, 3) if done else None
        if sync:
            done = await wait_for(lambda: len(server.subscribed) >= a.lines, 120)
            result["start_to_all_subscribed_with_state_s"] = round(max(server.subscribed.values()) - t0, 3) if done else None
            result["subscribed"] = len(server.subscribed)
        result["registered"] = len(server.registered)
        # This tool's own CPU over the start (the measuring server, the socket watcher, the health
        # polls): it runs on the same two cores as the phone, where a real server would not.
        result["start_phase_tool_cpu_seconds"] = round(time.process_time() - tool_cpu0, 2)
        result["cpu_seconds_to_ready"] = round(cpu_seconds(web.proc.pid), 2)  # start-up work, all threads
        # By thread group (threads that already ended, such as a finished JIT worker, are not in it).
        result["cpu_seconds_to_ready_by_thread"] = {name: round(spent / 1e6, 2) for name, spent in
                                                    cpu_us_per_item_by_thread({}, cpu_seconds_by_thread(web.proc.pid), 1).items()}
        watcher.cancel()
        # The most bytes that waited unread in a socket during the start (sampled every 10 ms): a
        # late answer is the phone's when its socket held a backlog, the measuring server's when its own did.
        result["start_phase_peak_receive_queue_bytes"] = queue_peaks
        result["start_phase_notify_retransmissions"] = server.retransmissions
        # When the full-state NOTIFYs were answered late: per 100 ms of their first send (from the
        # start), how many, and the median and slowest answer in ms.
        buckets = {}
        for sent, latency in server.full_state_answers:
            buckets.setdefault(round(sent - t0, 1), []).append(latency)
        result["start_phase_full_state_answers"] = {"%.1f" % k: [len(v), round(1000 * sorted(v)[len(v) // 2], 1), round(1000 * max(v), 1)]
                                                    for k, v in sorted(buckets.items())}
        result["start_phase_kernel_udp_rcvbuf_drops"] = udp_rcvbuf_errors() - start_drops0
        result["rss_after_start_mib"] = round(rss_mib(web.proc.pid), 1)

        # 3. Idle: CPU over a quiet window.
        await asyncio.sleep(a.settle)  # let start-up work (storage of the start's SIP trace) finish
        c0, w0 = cpu_seconds(web.proc.pid), time.monotonic()
        await asyncio.sleep(a.idle)
        c1, w1 = cpu_seconds(web.proc.pid), time.monotonic()
        result["idle_cpu_percent_of_one_core"] = round(100 * (c1 - c0) / (w1 - w0), 2)
        result["idle_rss_mib"] = round(rss_mib(web.proc.pid), 1)
        result["idle_rss_by_mapping_mib"] = rss_by_mapping(web.proc.pid)
        fds = [os.readlink("/proc/%d/fd/%s" % (web.proc.pid, fd)) for fd in os.listdir("/proc/%d/fd" % web.proc.pid)]
        result["idle_open_database_files"] = sum(1 for f in fds if f.endswith("featuresync.db"))
        result["idle_threads"] = int(next(l.split()[1] for l in open("/proc/%d/status" % web.proc.pid) if l.startswith("Threads:")))
        if a.gcdump:
            # The managed heap when idle (forces a full GC first, so it is taken after the RSS).
            subprocess.run([os.path.join(os.path.expanduser("~/.dotnet/tools"), "dotnet-gcdump"), "collect", "-p", str(web.proc.pid), "-o", a.gcdump],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
            time.sleep(2)
            result["rss_after_gcdump_full_gc_mib"] = round(rss_mib(web.proc.pid), 1)
            result["rss_after_gcdump_by_mapping_mib"] = rss_by_mapping(web.proc.pid)
            result["largest_anonymous_mappings_kib"] = largest_anonymous(web.proc.pid)

        # 4. NOTIFYs at a fixed rate, round-robin over the lines, random DND each.
        if sync and len(server.subscribed) == a.lines:
            users = [user(n) for n in range(1, a.lines + 1)]
            hub = None
            if a.hub_client:
                # A Status page left open: the storm's live pushes are part of what is measured.
                # Connected before the warm-up, so its code is warm too.
                hub = HubClient(web.base, AUTH)
                hub.start()
                await asyncio.sleep(1)
            if a.warmup:
                # The same storm, unmeasured: the JIT compiles the hot path to its optimized tier
                # during the first seconds (call counting, tier-1 compiles on a background thread).
                # A phone runs for months, so the measured phase is the steady state after it.
                w0, wc0 = time.monotonic(), cpu_seconds(web.proc.pid)
                await send_storm(server, users, a.rate, a.rate * a.warmup, web.proc.pid)
                await wait_for(lambda: not server.pending, 60)
                result["warmup_phase"] = {"seconds": a.warmup, "cpu_percent_of_one_core": round(100 * (cpu_seconds(web.proc.pid) - wc0) / (time.monotonic() - w0), 1)}
                await asyncio.sleep(1)
            server.notify_latency.clear()
            sent_before, answered_before = server.notifies_sent, server.notifies_answered
            retrans_before, codes_before = server.retransmissions, dict(server.codes)
            total = a.rate * a.seconds
            pushes_before = hub.pushes if hub is not None else 0
            messages_before = hub.messages if hub is not None else 0
            profilers = start_profilers(a, web.proc.pid)
            start = time.monotonic()
            c0 = cpu_seconds(web.proc.pid)
            threads0 = cpu_seconds_by_thread(web.proc.pid)
            drops0 = udp_rcvbuf_errors()
            peak = await send_storm(server, users, a.rate, total, web.proc.pid)
            send_end = time.monotonic()
            await wait_for(lambda: not server.pending, 60)
            end = time.monotonic()
            result["notify_phase"] = {
                "sent": server.notifies_sent - sent_before,
                "send_seconds": round(send_end - start, 2),
                "answered": server.notifies_answered - answered_before,
                "retransmissions": server.retransmissions - retrans_before,
                "given_up": server.given_up,
                "kernel_udp_rcvbuf_drops": udp_rcvbuf_errors() - drops0,
                "response_codes": {k: v - codes_before.get(k, 0) for k, v in server.codes.items() if v - codes_before.get(k, 0)},
                "drain_after_last_send_s": round(end - send_end, 3),
                "cpu_percent_of_one_core": round(100 * (cpu_seconds(web.proc.pid) - c0) / (end - start), 1),
                "cpu_us_per_notify": round(1e6 * (cpu_seconds(web.proc.pid) - c0) / max(1, server.notifies_answered - answered_before), 1),
                # Where it went: the UDP reader (parse, transaction, the line's work inline, answer), the
                # storage writer, the thread pool (live pushes, timers' callbacks), the .NET timer thread.
                "cpu_us_per_notify_by_thread": cpu_us_per_item_by_thread(threads0, cpu_seconds_by_thread(web.proc.pid),
                                                                         server.notifies_answered - answered_before),
                "rss_mib": round(rss_mib(web.proc.pid), 1),
                "peak_rss_mib": round(max(peak, rss_mib(web.proc.pid)), 1),
            }
            stop_profilers(profilers)
            if hub is not None:
                await asyncio.sleep(1)
                result["notify_phase"]["hub_pushes_received"] = hub.pushes - pushes_before
                result["notify_phase"]["hub_messages_received"] = hub.messages - messages_before
                result["notify_phase"]["hub_lines_pushed"] = len(hub.lines)
                result["notify_phase"]["hub_error"] = hub.error
                hub.stop()
            lat = sorted(server.notify_latency)
            if lat:
                result["notify_phase"]["answer_ms_p50"] = round(1000 * lat[len(lat) // 2], 2)
                result["notify_phase"]["answer_ms_p99"] = round(1000 * lat[int(len(lat) * 0.99)], 2)
            # The state the phone shows must become the server's last word, line by line.
            def mismatches():
                status = web.call("GET", "/api/status")
                return [l for l in status["lines"]
                        if l["dnd"]["enabled"] != server.dnd.get(l["user"]) or l["dnd"]["standing"] != "confirmed"]
            first_read = mismatches()
            result["notify_phase"]["lines_not_matching_at_first_read"] = len(first_read)
            result["notify_phase"]["first_mismatches"] = [
                {"line": l["line"], "phone": l["dnd"]["enabled"], "standing": l["dnd"]["standing"], "server": server.dnd.get(l["user"])}
                for l in first_read[:5]]
            left = first_read
            while left and time.monotonic() - end < 60:
                await asyncio.sleep(0.2)
                left = mismatches()
            result["notify_phase"]["lines_not_matching_after_wait"] = len(left)
            result["notify_phase"]["all_lines_match_after_last_answer_s"] = round(time.monotonic() - end, 2) if not left else None
        web.stop()
    finally:
        if web is not None and web.proc.poll() is None:
            web.proc.kill()  # a failed run must not leave Phone.Web running
        if not a.data:
            shutil.rmtree(data, ignore_errors=True)
    result["load_after"] = loadavg()
    print(json.dumps(result, indent=1))


asyncio.run(main())
