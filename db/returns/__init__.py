"""The fill-in sheets the units send back: their contract (contract.py: the
columns, the hidden sheet, the fingerprints) and reading and checking them
(reading.py). Making them is paperwork (documents/excel/returns.py);
importing them is the operation IMPORT_RETURNS (db/operations/returns.py)."""
