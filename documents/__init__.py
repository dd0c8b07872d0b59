"""The paperwork, with no Qt: PDF sheets and notices (documents/pdf), the Excel
ledger and the fill-in sheets (documents/excel); the core knows what, these
modules know how it looks."""
