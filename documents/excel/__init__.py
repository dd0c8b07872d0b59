"""The workbooks, through openpyxl: the Excel ledger of a plan (ledger.py) and
the units' fill-in sheets (returns.py), with what they share (layout.py).

No Qt here, and the core never reaches in: the data come from
db.queries.sheets, and the fill-in sheet's contract (its columns and hidden
sheet, read back by db.returns.reading) from db.returns.contract.
"""
