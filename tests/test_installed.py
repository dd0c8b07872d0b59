"""The program as installed (item 23): a wheel built from a checkout that
has no compiled .qm, installed into a fresh venv, runs with its own resources
and a window in Chinese; so does `python main.py` from such a checkout.

The fresh venv borrows this venv's packages (PySide6, SQLAlchemy …) through
a .pth line, so nothing is downloaded; `--no-deps` installs the wheel alone.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop.i18n import TsTranslator, install_translations
from tests.conftest import ROOT
from tests.test_window_process import OFFSCREEN_NOISE


def program_files() -> list[str]:
    """The packages pyproject.toml puts in the wheel, with main.py and pyproject.toml itself."""
    found = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    return [
        *sorted({pattern.rstrip("*").rstrip(".") for pattern in found["find"]["include"]}),
        "main.py",
        "pyproject.toml",
    ]


def fresh_checkout(target: Path) -> Path:
    """The program's files as git has them: no .qm, no caches, no egg-info."""
    target.mkdir()
    for name in program_files():
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
        else:
            shutil.copy2(source, target / name)
    return target


def describe_window(python: Path, ledger: Path, env_extra: dict[str, str]) -> dict[str, str]:
    """What tests/window_child.py --report prints about the window, started by `python`."""
    work = ledger.parent
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", **env_extra)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(work / name.lower())
    result = subprocess.run(
        [str(python), str(ROOT / "tests" / "window_child.py"), str(ledger), "0", "--report"],
        cwd=work, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip() != OFFSCREEN_NOISE] == []
    return dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)


def assert_chinese_window(shown: dict[str, str], ledger: Path) -> None:
    assert shown["title"] == f"督办台账 — {ledger.name}"
    assert shown["menus"] == "文件(&F)|编辑(&E)|报表(&R)|视图(&V)|帮助(&H)"
    assert shown["tasks"] == "66"  # the bundled plan, loaded on the first start
    assert shown["status"].startswith("共 66 项任务")
    assert (shown["icon"], shown["fonts"]) == ("True", "True")


def test_the_wheel_installed_in_a_fresh_venv_speaks_chinese(tmp_path: Path) -> None:
    source = fresh_checkout(tmp_path / "checkout")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(tmp_path / "wheels"), str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "wheels").glob("duban_taizhang-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(purelib, "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    shutil.rmtree(source)  # nothing of the checkout is left to lean on

    (tmp_path / "work").mkdir()
    ledger = tmp_path / "work" / "ledger.db"
    shown = describe_window(python, ledger, {})
    assert Path(shown["program"]) == Path(purelib)
    assert_chinese_window(shown, ledger)
    script = venv / ("Scripts/duban-taizhang.exe" if sys.platform == "win32" else "bin/duban-taizhang")
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("督办台账 ")


def test_a_fresh_checkout_speaks_chinese_before_make(tmp_path: Path) -> None:
    """`python main.py` before `make` has compiled the .qm: the .ts is read."""
    source = fresh_checkout(tmp_path / "checkout")
    assert not list((source / "resources" / "translations").glob("*.qm"))
    (tmp_path / "work").mkdir()
    ledger = tmp_path / "work" / "ledger.db"
    shown = describe_window(Path(sys.executable), ledger, {"PYTHONPATH": str(source)})
    assert Path(shown["program"]) == source
    assert_chinese_window(shown, ledger)


def test_the_ts_reader_translates_as_the_compiled_qm(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every message of the .ts, through TsTranslator and through the .qm
    lrelease makes of it, translates the same."""
    from PySide6.QtCore import QTranslator

    from tools import translations

    qm = translations.build(qm=tmp_path / "duban_zh_CN.qm", quiet=True)
    compiled = QTranslator()
    assert compiled.load(str(qm))
    read = TsTranslator(translations.TS)
    assert len(read.table) > 200
    for message in translations.messages(translations.TS):
        assert read.translate(message.context, message.source) == (
            compiled.translate(message.context, message.source) or None
        ), (message.context, message.source)


def test_without_a_qm_the_program_reads_the_ts(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    from tools import translations

    folder = tmp_path / "translations"
    folder.mkdir()
    locale = QLocale()
    for present in ((), (translations.TS,)):
        for path in present:
            shutil.copy(path, folder / path.name)
        installed = install_translations(qapp, folder=folder)
        try:
            translated = QCoreApplication.translate("Labels", "Ongoing")
        finally:
            for translator in installed:
                qapp.removeTranslator(translator)
            QLocale.setDefault(locale)
        if present:
            assert translated == "持续推进"
        else:
            assert translated == "Ongoing"
            assert f"找不到界面翻译文件 {folder / translations.TS.name}" in capfd.readouterr().err
