"""What the views and documents read: the ledger tree, statuses and lights, filters, unit tasks, report data, labels."""
