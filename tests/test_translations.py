"""The Chinese translation: complete, compiled, and faithful to its sources.

A source string added to desktop/ without a translation fails here: run
`python -m tools.translations update`, translate it in
resources/translations/duban_zh_CN.ts, then `python -m tools.translations build`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from tools import translations
from tools.translations import Message, messages

PERCENT = re.compile(r"%\d+")
BRACES = re.compile(r"\{[^{}]*\}")
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


@pytest.fixture(scope="module")
def ts_messages() -> list[Message]:
    assert translations.TS.exists(), f"{translations.TS} is missing: run `python -m tools.translations update`"
    return messages(translations.TS)


@pytest.fixture(scope="module")
def fresh_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .ts compiled now, so that these tests see the .ts as it is."""
    return translations.build(qm=tmp_path_factory.mktemp("qm") / "duban_zh_CN.qm", quiet=True)


@pytest.fixture
def translator(qapp: QCoreApplication, fresh_qm: Path) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(fresh_qm))
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def _listing(items: list[str]) -> str:
    return "\n".join(f"  {item}" for item in items)


def test_every_source_string_is_translated() -> None:
    missing = translations.untranslated()
    assert not missing, (
        f"{len(missing)} source string(s) without a finished translation "
        "(run `python -m tools.translations update`, translate them in the .ts, then `build`):\n"
        + _listing(list(map(str, missing)))
    )


def test_translations_come_through(translator: QTranslator, ts_messages: list[Message]) -> None:
    from desktop.labels import status_label

    translate = QCoreApplication.translate
    assert translate("Labels", "Completed") == "已完成"
    # The menus move between classes as the window is reworked: look for them in every context they are in.
    expected = {
        "Supervision ledger": "督办台账",
        "&File": "文件(&F)",
        "&Import plan…": "导入计划(&I)…",
        "New &task": "新建任务(&T)",
        "Unit registry": "单位登记表",
    }
    for source, translation in expected.items():
        contexts = {m.context for m in ts_messages if m.source == source}
        assert contexts, f"{source!r} is no longer in the code"
        for context in contexts:
            assert translate(context, source) == translation, (context, source)
    statuses = {code: status_label(code) for code in ("not_started", "in_progress", "completed", "ongoing")}
    assert statuses == {"not_started": "未启动", "in_progress": "推进中", "completed": "已完成", "ongoing": "持续推进"}


def test_the_window_says_the_words_of_the_documents(translator: QTranslator) -> None:
    """The core's words (db.vocabulary, db.months) are declared once; the window
    shows them through its English source strings, whose Chinese must be those words."""
    from db.months import Month
    from db.vocabulary import LIGHTS, STATUS_LABELS
    from desktop.labels import light_label, light_name, month_label, status_label

    assert {code: status_label(code) for code in STATUS_LABELS} == STATUS_LABELS
    assert {code: light_name(code) for code in LIGHTS} == {code: light.name for code, light in LIGHTS.items()}
    assert {code: light_label(code) for code in LIGHTS} == {code: light.legend for code, light in LIGHTS.items()}
    months = Month.of_year(2016)
    assert [month_label(month) for month in months] == [month.label for month in months]


def test_widgets_find_their_translations(translator: QTranslator) -> None:
    """self.tr() at run time uses the context lupdate extracted (the class name)."""
    from desktop.filter_bar import FilterBar

    bar = FilterBar()
    try:
        assert bar.status.itemText(0) == "全部状态"
        assert bar.status.itemText(1) == "未启动"
        assert bar.unreported.text() == "本月未报送"
    finally:
        bar.deleteLater()


def test_the_program_loads_the_built_qm(qapp: QCoreApplication) -> None:
    """desktop.i18n finds resources/translations/duban_zh_CN.qm, which `make` builds."""
    from desktop.i18n import install_translations

    assert translations.QM.exists(), f"{translations.QM} is missing: run `make` or `python -m tools.translations build`"
    locale = QLocale()
    installed = install_translations(qapp)
    try:
        assert QCoreApplication.translate("Labels", "Ongoing") == "持续推进"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_placeholders_match(ts_messages: list[Message]) -> None:
    wrong = []
    for m in ts_messages:
        for pattern in (PERCENT, BRACES):
            if m.translation and sorted(set(pattern.findall(m.source))) != sorted(set(pattern.findall(m.translation))):
                wrong.append(f"[{m.context}] {m.source!r} → {m.translation!r}")
    assert not wrong, "placeholders differ between source and translation:\n" + _listing(wrong)


def test_mnemonics_are_kept(ts_messages: list[Message]) -> None:
    """A source with a mnemonic ("&File") keeps it, with the same letter ("文件(&F)")."""
    wrong = []
    for m in ts_messages:
        letters = MNEMONIC.findall(m.source)
        if letters and m.translation and not any(f"&{c.lower()}" in m.translation.lower() for c in letters):
            wrong.append(f"[{m.context}] {m.source!r} → {m.translation!r}")
    assert not wrong, "mnemonic lost or changed:\n" + _listing(wrong)


def test_ellipses_are_kept(ts_messages: list[Message]) -> None:
    """ "…" says that more is asked for (a dialog follows) or that work goes on."""
    wrong = [
        f"[{m.context}] {m.source!r} → {m.translation!r}"
        for m in ts_messages
        if m.translation and "…" in m.source and "…" not in m.translation
    ]
    assert not wrong, "ellipsis lost:\n" + _listing(wrong)


def test_every_string_has_a_context() -> None:
    """A string extracted with no context (a tr() outside a class) never matches at run time."""
    orphans = [f"{m.location}: {m.source!r}" for m in translations.without_context()]
    assert not orphans, "strings without a context:\n" + _listing(orphans)
