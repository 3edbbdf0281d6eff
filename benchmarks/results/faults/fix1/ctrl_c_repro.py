"""Ctrl-C to a master running track moves with a helper, under CPU hogs: time from SIGINT
to the master's end, and where the KeyboardInterrupt surfaced (its stderr)."""
import os, signal, subprocess, sys, time, multiprocessing
sys.path.insert(0, os.environ["TREE"])
from tests.solver.test_trackhelper import SCRIPT, _env

def hog(stop):
    x = 0
    while not stop.is_set():
        x += 1

def main():
    n, hogs, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    stop = multiprocessing.Event()
    procs = [multiprocessing.Process(target=hog, args=(stop,)) for _ in range(hogs)]
    for p in procs: p.start()
    try:
        for i in range(n):
            script = "/tmp/fix1/cc/no_guard.py"
            open(script, "w").write(SCRIPT)
            env = _env(); env["PYTHONPATH"] = os.environ["TREE"]
            m = subprocess.Popen([sys.executable, script, "1000000"], stdout=subprocess.PIPE,
                                 stderr=open(f"/tmp/fix1/cc/err{i}.txt", "w"), text=True, env=env, cwd="/tmp/fix1/cc")
            line = ""
            while not line.startswith("HELPER"):
                line = m.stdout.readline()
                if not line: break
            import random; time.sleep(random.uniform(0, delay))
            t0 = time.monotonic()
            m.send_signal(signal.SIGINT)
            try:
                rc = m.wait(150)
            except subprocess.TimeoutExpired:
                rc = None
                m.kill(); m.wait()
            dt = time.monotonic() - t0
            print(i, "rc", rc, "ended after %.1f s" % dt, "load", os.getloadavg()[0], flush=True)
    finally:
        stop.set()
        for p in procs: p.join()

main()
