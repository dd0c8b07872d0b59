"""Translations: the program's own (resources/translations/duban_zh_CN.qm,
built from the .ts by `make`) and Qt's, so standard buttons speak Chinese too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from db.resources import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
LANGUAGE = "zh_CN"


def install_translations(app: QCoreApplication, language: str = LANGUAGE) -> list[QTranslator]:
    """Load and install the translators; the list keeps them alive."""
    QLocale.setDefault(QLocale(language))
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"duban_{language}", str(TRANSLATIONS))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    return translators
