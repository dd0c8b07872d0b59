"""Every named write of the ledger, one function each, and the change tracking (undo, history) they run under."""
