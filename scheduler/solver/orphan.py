"""Child processes that die with their parent (Linux's parent-death signal).

A child the solve starts (the forked solve of :mod:`scheduler.solver.isolated`, the track
moves' helper of :mod:`scheduler.solver.trackhelper`) must never run on, or stay stopped,
after its parent was killed: nobody would end it. Linux sends a chosen signal to a process
when the thread that started it exits (``prctl(PR_SET_PDEATHSIG)``); SIGKILL ends a
process even when it is stopped (SIGSTOP), which closing its stdin cannot.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1
"""Linux's ``prctl`` option: the signal a process gets when its parent dies."""


def die_with_parent(parent: int) -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False when ``parent`` (the
    pid that started this process) is gone already, having died before the request (the
    caller then exits at once). Elsewhere than on Linux, or without ``prctl``, it asks
    nothing and returns whether the parent is still this process's parent."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    return os.getppid() == parent
