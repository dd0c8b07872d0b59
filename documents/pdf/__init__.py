"""The printed reports as PDF, through ReportLab: the monthly supervision
sheet (督查表) and the supervision notices (督办单).

No Qt here, so that the command line prints without a display; the window
runs the same functions in a worker. The data come from db.queries.report_data.
"""

from documents.pdf.fonts import FALLBACK_NOTE, FontChoice, choose_fonts
from documents.pdf.layout import ReportInfo
from documents.pdf.notices import write_notices
from documents.pdf.sheet import write_sheet

__all__ = [
    "FALLBACK_NOTE",
    "FontChoice",
    "ReportInfo",
    "choose_fonts",
    "write_notices",
    "write_sheet",
]
