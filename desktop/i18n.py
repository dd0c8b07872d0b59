"""Translations: the program's own and Qt's, so standard buttons speak Chinese too.

The program's own comes from resources/translations: the compiled
duban_zh_CN.qm where there is one as new as its source (`make` and the
Windows build compile it), else the source duban_zh_CN.ts itself, read here.
So every way of running the program speaks Chinese: a fresh checkout before
`make`, `pip install .` or a wheel (which carry the .ts), the built folder
(which carries the .qm). No translation at all is said on stderr, not
silently shown in English.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from db.resources import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
LANGUAGE = "zh_CN"


class TsTranslator(QTranslator):
    """The translations of a Qt Linguist .ts file, as lrelease would compile
    them (-nounfinished: unfinished, obsolete and vanished entries are left out)."""

    def __init__(self, ts: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: dict[tuple[str, str, str], str] = {}
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                forms = [form.text or "" for form in translation.iter("numerusform")]
                text = forms[0] if forms else translation.text or ""  # Chinese has one plural form
                if text:
                    key = (name, message.findtext("source", ""), message.findtext("comment", ""))
                    self.table[key] = text

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        """As QTranslator does: with the disambiguation first, then without."""
        found = self.table.get((context, source, disambiguation or ""))
        if found is None and disambiguation:
            found = self.table.get((context, source, ""))
        return found

    def isEmpty(self) -> bool:  # noqa: N802
        return not self.table


def _own_translator(app: QCoreApplication, language: str, folder: Path) -> QTranslator | None:
    ts, qm = folder / f"duban_{language}.ts", folder / f"duban_{language}.qm"
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            return translator
    if ts.exists():
        try:
            return TsTranslator(ts, app)
        except ET.ParseError as exc:
            print(f"界面翻译文件 {ts} 无法读取（{exc}），界面将显示英文", file=sys.stderr)
            return None
    print(f"找不到界面翻译文件 {ts}，界面将显示英文", file=sys.stderr)
    return None


def install_translations(
    app: QCoreApplication, language: str = LANGUAGE, folder: Path = TRANSLATIONS
) -> list[QTranslator]:
    """Load and install the translators; the list keeps them alive."""
    QLocale.setDefault(QLocale(language))
    translators = []
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    own = _own_translator(app, language, folder)
    if own is not None:
        translators.append(own)
    for translator in translators:
        app.installTranslator(translator)
    return translators
