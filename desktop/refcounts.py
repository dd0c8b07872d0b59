"""A guard against a reference-counting bug of PySide6 6.12 under Python 3.11.

PySide6 6.12.0's wheels return None from every method without a result, and
True from every `Signal.emit`, without taking a new reference (they behave as
if built for Python 3.12, where None, True and False are immortal). On Python
3.11 each such call takes one reference from these objects: after an hour of
work the count of True reaches zero and the interpreter aborts with "Fatal
Python error: bool_dealloc … finalizing" as it exits (an error box on
Windows), or earlier, in the middle of the work.

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
