"""The charts, as ReportLab graphics Drawings: vectors in any PDF (the
supervision sheet draws them with `renderPDF.draw`), images in the bulletin,
pictures in the window's dashboard, files of their own (export.py).

- `section_chart(by_section)`: completion by level-1 section;
- `unit_chart(units)`: completion and on-time reporting by lead unit;
- `trend_chart(trend)`: completion, reporting and on-time reporting, month by month.

Each takes the figures of db.queries.figures (`month_figures`), the fonts
the drawing is to use (documents.pdf.fonts: `FontChoice`, registered with
ReportLab; chosen when not given) and its width in points; the bar charts'
height follows their rows, the trend's is given. No Qt here.
"""

from documents.charts.bars import section_chart, unit_chart
from documents.charts.export import pdf_bytes, png_bytes, save_chart
from documents.charts.trend import trend_chart

__all__ = ["pdf_bytes", "png_bytes", "save_chart", "section_chart", "trend_chart", "unit_chart"]
