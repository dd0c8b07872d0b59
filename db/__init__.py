"""The core of 督办台账: schema, migrations, plan readers, unit registry, exports.

Nothing in this package imports Qt, so the command line and the tests use it
without a display.
"""

__version__ = "0.1.0"
