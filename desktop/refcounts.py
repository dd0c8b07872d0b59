"""A guard against a reference-counting bug of PySide6 6.12 under Python 3.11.

PySide6 6.12.0 returns None from every method without a result, and True
from every `Signal.emit`, without taking a new reference (measured: each
such call lowers the count by one; PySide6 6.11.3 does not; on Python 3.12
and newer these objects are immortal and nothing shows). On Python 3.11 the
counts run down as the window is used: after a while the count of True or
None reaches zero and the interpreter aborts with "Fatal Python error:
bool_dealloc: deallocating True or False … finalizing" (or none_dealloc) as
it exits, an error box on Windows, or earlier, in the middle of the work.
PySide6 6.11 cannot be had instead: PySide6_Pdf exists for 6.12 only.

None, True and False are static objects that are never freed, so the guard
does what Python 3.12 does for them: it makes them practically immortal by
adding a reference count no session can use up. It acts only when a short
measurement shows the bug, so on a fixed PySide6 or a newer Python it does
nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

PROBE_CALLS = 16
# References added to each of None, True and False: a billion calls a second
# would take more than three days to use them up.
PADDING = 1 << 48


def leaked_references() -> dict[str, int]:
    """References to None and True that PROBE_CALLS void calls and signal
    emissions took without giving back (0 and 0 when PySide6 is sound)."""
    probe = QObject()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("")
    none_after = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.objectNameChanged.emit("")
    true_after = sys.getrefcount(True)
    return {"None": none_before - none_after, "True": true_before - true_after}


def guard_singletons() -> bool:
    """Pad the reference counts of None, True and False if PySide6 leaks
    them; True when it did. Call once, before the window is built."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there; nothing to guard
    if not any(count >= PROBE_CALLS for count in leaked_references().values()):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object on CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += PADDING
    return True
