"""When ``confsched solve`` shows its first schedule on a terminal, timed from the command's
start (what a user waits for: Python starting, the imports, loading the file, the solve).

    python benchmarks/results/huge/cli_first.py /tmp/huge/big1.yaml [TIME_LIMIT] [--whole]

Starts ``confsched solve SCENARIO --time-limit T -o OUT`` with its standard error on a
pseudo-terminal (the live status line is only drawn on a terminal), reads the status line
as it is redrawn, and prints each distinct text with the wall-clock seconds since the
command started and the process's CPU seconds so far (children included), until the first
``best ...`` line; then stops the command (SIGKILL, this process group only) unless
``--whole`` is given, when it waits for the command to end.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process (from /proc)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(scenario: str, limit: str, whole: bool) -> None:
    with open("/proc/loadavg") as handle:
        print("LOAD at start", handle.read().split()[0], flush=True)
    leader, follower = pty.openpty()
    began = time.monotonic()
    child = subprocess.Popen(
        ["confsched", "solve", scenario, "--time-limit", limit, "-o", "/tmp/cli_first.yaml"],
        stdout=subprocess.DEVNULL, stderr=follower, start_new_session=True)
    os.close(follower)
    seen, buffer = "", b""
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                if child.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            texts = [t for t in re.split(rb"\r|\x1b\[2K|\n", buffer) if t.strip()]
            if not texts:
                continue
            text = texts[-1].decode(errors="replace").strip()
            if text != seen:
                seen = text
                cpu = cpu_of(child.pid) if child.poll() is None else float("nan")
                print(f"{time.monotonic() - began:7.2f}s wall {cpu:7.2f}s cpu  {text}",
                      flush=True)
                if text.startswith("best") and not whole:
                    break
            buffer = buffer[-4096:]
    finally:
        if child.poll() is None and not whole:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    print(f"ended at {time.monotonic() - began:.2f}s, exit {child.returncode}", flush=True)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--whole"]
    main(args[0], args[1] if len(args) > 1 else "120", "--whole" in sys.argv)
