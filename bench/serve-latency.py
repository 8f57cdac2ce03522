#!/usr/bin/env python3
"""Serve latency through the real server (issue 23): starts `quorum serve` on a corpus,
waits until it serves, then makes K edits of each kind to K different meetings and times,
from the moment the file is saved:

- page:     the edited meeting's page served over HTTP with the new content;
- reload:   the first live-reload event (`event: reload` on /__quorum/events, what the
            browser's assets/live-reload.js listens for; after an edit other pages show,
            the first one lists the edited meeting's page, written before the rest);
- timeline: the other page the edit shows on first: /decisions/<year>/ served with the new
            decision (decision edits), /tags/<tag>/ listing the meeting (tag edits);
- search:   the search index served with the edit's new word (search/meta.js names the
            vocabulary shard of the word's first two letters; the word is in w-<n>.js);
- derived:  the server's log line "updated feeds and the search index", printed once
            feeds and search files are written (the Atom feed lists recent meetings only,
            so an edit to an old meeting may leave it unchanged: this line is the signal).

Kinds: text (a sentence added to a paragraph), decision (a "Beslut: ..." paragraph added),
title (the front matter's title replaced), participant (an attendee added), tag (a tag
new to the archive added), date (the date moved by three days: the meeting moves among
the others; its page is seen when it shows the new date), busy (a decision added, and as
soon as the server logs "rebuilt" and starts on feeds and the search index, a text edit of
the same file: the text edit is timed, page and reload only), eager (the same, but the
text edit is saved as soon as the decision's page reloads, while the server still makes
the other pages that show the decision: the text edit waits for them). Each edit is
restored afterwards, and the server is idle (its feeds and search written, then a quiet
pause) before each save. Meetings are chosen deterministically, evenly spread over the
sorted Swedish meeting files, a different one for every edit.

    python3 bench/serve-latency.py --quorum target/release/quorum --root DIR [--edits 5]

Prints one line per kind and measure with the median and worst in milliseconds, and the
same as `RESULT kind measure median worst count` lines for bench/run.sh. Python 3
standard library only.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

KINDS = ["text", "decision", "title", "participant", "tag", "date", "busy", "eager"]
# The kinds that save twice: a decision, then a text edit (timed) while the server works.
TWO_SAVES = ("busy", "eager")
MEASURES = ["page", "reload", "timeline", "search", "derived"]
# How long one edit may take to show everywhere before it counts as missing.
TIMEOUT = 120.0


class Server:
    """A running `quorum serve`, its log lines and its reload events, with timestamps."""

    def __init__(self, quorum, root, output, port):
        self.port = port
        self.lock = threading.Lock()
        self.lines = []  # (time, line)
        self.reloads = []  # time
        self.serving = threading.Event()
        self.proc = subprocess.Popen(
            [quorum, "serve", "--root", root, "--output", output, "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self):
        for line in self.proc.stdout:
            now = time.monotonic()
            with self.lock:
                self.lines.append((now, line.rstrip("\n")))
            if line.startswith("serving "):
                self.serving.set()

    def listen_for_reloads(self):
        sock = socket.create_connection(("127.0.0.1", self.port))
        sock.sendall(b"GET /__quorum/events HTTP/1.1\r\nHost: localhost\r\n\r\n")

        def read():
            buffer = b""
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                now = time.monotonic()
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if line.strip() == b"event: reload":
                        with self.lock:
                            self.reloads.append(now)

        threading.Thread(target=read, daemon=True).start()

    def get(self, path):
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError):
            return None

    def first_reload_after(self, t):
        with self.lock:
            return next((r for r in self.reloads if r > t), None)

    def first_line_after(self, t, text):
        with self.lock:
            return next((at for at, line in self.lines if at > t and text in line), None)

    def last_line_time(self):
        with self.lock:
            return self.lines[-1][0] if self.lines else 0.0

    def wait_idle(self, since, quiet=1.0):
        """Waits for the reload after `since`, then for feeds and search to be written
        (the server logs nothing while it writes them, for many seconds on a large
        archive: only their own line says it is done), then for `quiet` seconds without a
        log line."""
        deadline = time.monotonic() + TIMEOUT
        while self.first_reload_after(since) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        while (
            self.first_line_after(since, "updated feeds") is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        # serve makes feeds and search on a thread of its own, one job at a time: a job
        # for a later rebuild may still be running after the line seen above. Quiet for
        # longer than the longest job so far means none is.
        self.wait_quiet(max(quiet, 1.2 * self.longest_job()))

    def longest_job(self):
        with self.lock:
            times = [
                int(m.group(1)) / 1000.0
                for _, line in self.lines
                for m in [re.search(r"updated feeds and the search index in (\d+) ms", line)]
                if m
            ]
        return max(times, default=0.0)

    def wait_quiet(self, quiet):
        while time.monotonic() - self.last_line_time() < quiet:
            time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def word(kind_index, edit_index):
    """A word no corpus contains, letters only (the search folds and splits on digits)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "zqbench" + letters[kind_index] + letters[edit_index // 26] + letters[edit_index % 26]


def split_front(text):
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end], text[end:]


def first_paragraph(body):
    """Start and end of the first plain paragraph (not a heading, list or emphasis line)."""
    for m in re.finditer(r"(?m)^(?![#*\-`\[|>]|Beslut|Åtgärd|\d)[^\n]+$", body):
        return m.start(), m.end()
    raise ValueError("no plain paragraph")


def edit(kind, text, w):
    front, body = split_front(text)
    if kind == "text":
        start, end = first_paragraph(body)
        return front + body[:end] + f" Även {w} nämndes." + body[end:]
    if kind == "decision":
        start, end = first_paragraph(body)
        return front + body[:end] + f"\n\nBeslut: Nätverket beslutar att {w} ska utredas." + body[end:]
    if kind == "title":
        return replaced_line(front, r"(?m)^title: .*$", f'title: "Sammanträde {w}"', "title") + body
    if kind == "participant":
        attendee = f"attendees:\n  - {w.capitalize()} Persson, Sotenäs\n"
        return replaced_line(front, r"(?m)^attendees:\n", attendee, "attendees") + body
    if kind == "date":
        return replaced_line(front, r"(?m)^date: .*$", f"date: {moved_date(front)}", "date") + body
    if kind == "tag":
        new, n = re.subn(r"(?m)^tags: \[", f"tags: [{w}, ", front, count=1)
        if n != 1:
            new, n = re.subn(r"(?m)^tags:\n", f"tags:\n  - {w}\n", front, count=1)
        if n != 1:
            new = front[: -len("---\n")] + f"tags: [{w}]\n---\n"
        return new + body
    raise ValueError(kind)


def replaced_line(front, pattern, replacement, key):
    """The front matter with its first match of `pattern` replaced; ValueError without."""
    new, n = re.subn(pattern, replacement, front, count=1)
    if n != 1:
        raise ValueError(f"no {key}")
    return new


def moved_date(front):
    """The front matter's date moved by three days within its month: the meeting moves
    in the archive (past the meetings between), so its neighbours change."""
    found = re.search(r"(?m)^date: (\d{4})-(\d\d)-(\d\d)\s*$", front)
    if not found:
        raise ValueError("no plain date")
    year, month, day = found.group(1), found.group(2), int(found.group(3))
    return f"{year}-{month}-{day + 3 if day <= 20 else day - 3:02d}"


def candidates(root):
    """Swedish meetings (the decision word is Swedish) with a title, sorted by path."""
    content = os.path.join(root, "content")
    found = []
    for year in sorted(os.listdir(content)):
        folder = os.path.join(content, year)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                found.append(os.path.join(folder, name))
    return found


def usable(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "\nlanguage: en" in text or not re.search(r"(?m)^title: ", text):
        return False
    try:
        # "busy" and "eager" are a decision edit and a text edit, both checked here.
        for kind in (k for k in KINDS if k not in TWO_SAVES):
            edit(kind, text, "x")
    except ValueError:
        return False
    return True


def choose(files, count):
    """`count` different usable meetings spread evenly over `files`."""
    chosen = []
    for i in range(count):
        j = (2 * i + 1) * len(files) // (2 * count)
        tried = 0
        while files[j] in chosen or not usable(files[j]):
            j = (j + 1) % len(files)
            tried += 1
            if tried == len(files):
                sys.exit(
                    f"the edits need {count} Swedish meetings with a title, a paragraph, "
                    f"a decision and attendees; the corpus has {len(chosen)}"
                )
        chosen.append(files[j])
    return chosen


def search_has(server, w):
    meta = server.get("/search/meta.js")
    if not meta:
        return False
    try:
        data = json.loads(meta[meta.index(",", meta.index('"",')) + 1 : meta.rindex(")")])
    except ValueError:
        return False
    shard = data.get("shards", {}).get(w[:2])
    if shard is None:
        return False
    words = server.get(f"/search/w-{shard}.js")
    return words is not None and f'["{w}",' in words


def measure(server, path, kind, w):
    """Saves the edit and returns {measure: seconds or None}."""
    with open(path, encoding="utf-8") as f:
        original = f.read()
    changed = None if kind in TWO_SAVES else edit(kind, original, w)
    year = os.path.basename(os.path.dirname(path))
    slug = os.path.basename(path)[: -len(".md")]
    shown = f'datetime="{moved_date(split_front(original)[0])}"' if kind == "date" else w
    pending = {
        "page": lambda: shown in (server.get(f"/meetings/{slug}/") or "").lower(),
        "search": lambda: search_has(server, w),
    }
    if kind in TWO_SAVES:
        # The decision first, untimed; the text edit follows at once when the server
        # starts on feeds and search ("rebuilt" logged: busy) or when it reloads the
        # decision's page, before the other pages that show it (eager).
        decided = edit("decision", original, w[::-1])  # not containing w
        first = time.monotonic()
        with open(path, "w", encoding="utf-8") as f:
            f.write(decided)
        ready = (
            (lambda: server.first_line_after(first, "rebuilt in") is not None)
            if kind == "busy"
            else (lambda: server.first_reload_after(first) is not None)
        )
        while not ready() and time.monotonic() - first < TIMEOUT:
            time.sleep(0.005)
        changed = edit("text", decided, w)
        del pending["search"]
    if kind == "date":
        del pending["search"]  # no new word
    if kind == "decision":
        pending["timeline"] = lambda: w in (server.get(f"/decisions/{year}/") or "").lower()
    if kind == "tag":
        pending["timeline"] = lambda: slug in (server.get(f"/tags/{w}/") or "")
    try:
        result = timed_edit(server, path, changed, pending)
        if kind in TWO_SAVES:
            # Feeds and search may be the decision's: not this edit's measure.
            del result["derived"]
        return result
    finally:
        # Restore (also when interrupted), and let the server settle before the next edit.
        restored = time.monotonic()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        server.wait_idle(restored)


def timed_edit(server, path, changed, pending):
    """Saves `changed` and polls each of `pending` ({measure: check}) on a thread of its
    own, so that a slow check (the search files) does not delay a fast one (the page)."""
    result = {}
    saved = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(changed)

    def poll(name, check, interval):
        while time.monotonic() - saved < TIMEOUT:
            # Once feeds and search are written, what is still missing never comes (a
            # participant's name may not be indexed, say): check once more, then give up.
            final = server.first_line_after(saved, "updated feeds") is not None
            if check():
                result[name] = time.monotonic() - saved
                return
            if final:
                break
            time.sleep(interval)
        result[name] = None

    threads = [
        threading.Thread(target=poll, args=(name, check, 0.05 if name == "search" else 0.005))
        for name, check in pending.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    server.wait_idle(saved, quiet=0)
    reload = server.first_reload_after(saved)
    derived = server.first_line_after(saved, "updated feeds")
    result["reload"] = reload - saved if reload else None
    result["derived"] = derived - saved if derived else None
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quorum", default="target/release/quorum")
    parser.add_argument("--root", required=True)
    parser.add_argument("--output", help="where serve writes (default: a temporary folder)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    files = candidates(args.root)
    chosen = choose(files, len(kinds) * args.edits)
    # A folder of our own is removed at the end: at 10,000 meetings it holds 1 GB.
    output = args.output or tempfile.mkdtemp(prefix="quorum-serve-latency-")
    server = Server(args.quorum, args.root, output, args.port or free_port())
    started = time.monotonic()
    try:
        last_lines = lambda: "\n".join(l for _, l in server.lines[-20:])
        deadline = time.monotonic() + 1800
        while not server.serving.wait(timeout=1.0):
            if server.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("serve did not start:\n" + last_lines())
        # serve also serves a failed first build (it shows the error, and waits for a fix):
        # then no edit would ever show.
        if not any(l.startswith("built ") for _, l in server.lines):
            sys.exit("serve's first build failed:\n" + last_lines())
        print(f"serve started in {time.monotonic() - started:.1f} s", flush=True)
        server.listen_for_reloads()
        server.wait_quiet(2.0)
        results = {}
        for ki, kind in enumerate(kinds):
            for e in range(args.edits):
                path = chosen[ki * args.edits + e]
                r = measure(server, path, kind, word(KINDS.index(kind), e))
                results.setdefault(kind, []).append(r)
                shown = " ".join(
                    f"{m} {r[m] * 1000:.0f}" if r.get(m) is not None else f"{m} -"
                    for m in MEASURES
                    if m in r
                )
                print(f"  {kind:<11} {os.path.basename(path)}: {shown} ms", flush=True)
    finally:
        server.stop()
        if not args.output:
            shutil.rmtree(output, ignore_errors=True)
    rows = []
    for kind in kinds:
        for m in MEASURES:
            values = [r[m] for r in results[kind] if m in r]
            if not values:
                continue
            got = [v * 1000 for v in values if v is not None]
            median = f"{statistics.median(got):.0f}" if got else "-"
            worst = f"{max(got):.0f}" if len(got) == len(values) else "missing"
            rows.append((kind, m, median, worst, f"{len(got)}/{len(values)}"))
    print(f"{'edit':<12} {'measure':<9} {'median ms':>10} {'worst ms':>10}  seen")
    for row in rows:
        print(f"{row[0]:<12} {row[1]:<9} {row[2]:>10} {row[3]:>10}  {row[4]}")
    for row in rows:
        print("RESULT " + " ".join(row))


if __name__ == "__main__":
    main()
