"""Pictures of an X display, for timing a program's start from outside: an
Xvfb server of our own and repeated grabs of its whole screen (libX11's
XGetImage through ctypes, so nothing beyond Xvfb needs installing).

`Film.record` keeps every picture that differs from the one before, with the
time it was taken; `settled` says when a part of the screen took its final look.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

ZPIXMAP = 2
ALL_PLANES = 0xFFFFFFFF


class _XImage(ctypes.Structure):
    """The head of Xlib's XImage (the fields read here; the rest is never touched)."""

    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


def _xlib() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XGetImage.restype = ctypes.POINTER(_XImage)
    lib.XGetImage.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
        ctypes.c_ulong, ctypes.c_int,
    ]  # fmt: skip
    lib.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
    return lib


def missing_tools() -> str | None:
    """Why the screen cannot be filmed here, or None."""
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed (Debian: apt-get install xvfb)"
    if _xlib() is None:
        return "libX11 is not installed (Debian: apt-get install libx11-6)"
    return None


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int


class VirtualScreen:
    """An Xvfb server on a free display number, for as long as the `with` lasts."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.display = ""
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        reader, writer = os.pipe()
        self._process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(writer), "-screen", "0", f"{self.width}x{self.height}x24", "-nolisten", "tcp"],
            pass_fds=(writer,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(writer)
        with os.fdopen(reader) as answer:
            number = answer.readline().strip()
        if not number:
            self._process.kill()
            self._process.wait()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)


class Camera:
    """Whole-screen grabs of one display (BGRX bytes, row after row)."""

    def __init__(self, display: str) -> None:
        lib = _xlib()
        if lib is None:
            raise RuntimeError("libX11 is not installed")
        self._lib = lib
        self._display = lib.XOpenDisplay(display.encode())
        if not self._display:
            raise RuntimeError(f"cannot open the X display {display}")
        self._root = lib.XDefaultRootWindow(self._display)

    def grab(self, width: int, height: int) -> bytes:
        image = self._lib.XGetImage(self._display, self._root, 0, 0, width, height, ALL_PLANES, ZPIXMAP)
        if not image:
            raise RuntimeError("XGetImage failed")
        try:
            head = image.contents
            if head.bits_per_pixel != 32:
                raise RuntimeError(f"the screen has {head.bits_per_pixel} bits per pixel, not 32")
            return ctypes.string_at(head.data, head.bytes_per_line * head.height)
        finally:
            self._lib.XDestroyImage(image)

    def close(self) -> None:
        self._lib.XCloseDisplay(self._display)


@dataclass
class Film:
    """The pictures of a screen that differ from the one before, each with the
    time (seconds from the start) it was taken: the middle of its grab."""

    width: int
    height: int
    times: list[float] = field(default_factory=list)
    frames: list[bytes] = field(default_factory=list)
    grabs: int = 0

    @classmethod
    def record(
        cls,
        screen: VirtualScreen,
        start: Callable[[], object],
        *,
        settle: float,
        longest: float,
        done: Callable[[Film], bool] = lambda _film: True,
    ) -> Film:
        """Call `start()` (which starts the program filmed) and grab the screen
        until it has not changed for `settle` seconds and `done(film)` says the
        picture is the one awaited, or for `longest` seconds."""
        camera = Camera(screen.display)
        film = cls(screen.width, screen.height)
        try:
            last = None
            begin = time.perf_counter()
            start()
            while True:
                before = time.perf_counter()
                picture = camera.grab(screen.width, screen.height)
                after = time.perf_counter()
                film.grabs += 1
                checksum = zlib.crc32(picture)
                if checksum != last:
                    film.times.append((before + after) / 2 - begin)
                    film.frames.append(picture)
                    last = checksum
                elapsed = after - begin
                if elapsed > longest or (film.times and elapsed - film.times[-1] > settle and done(film)):
                    return film
        finally:
            camera.close()

    @property
    def duration(self) -> float:
        return self.times[-1] if self.times else 0.0

    def crop(self, index: int, rect: Rect) -> bytes:
        picture, stride = self.frames[index], self.width * 4
        return b"".join(
            picture[row * stride + rect.x * 4 : row * stride + (rect.x + rect.width) * 4]
            for row in range(rect.y, rect.y + rect.height)
        )

    def settled(self, rect: Rect | None = None) -> float:
        """When `rect` (the whole screen by default) took the look it has in the
        last picture and kept it."""
        rect = rect or Rect(0, 0, self.width, self.height)
        final = self.crop(len(self.frames) - 1, rect)
        index = len(self.frames) - 1
        while index > 0 and self.crop(index - 1, rect) == final:
            index -= 1
        return self.times[index]

    def save_png(self, index: int, path: Path) -> None:
        """One picture as a PNG file, to look at (Qt writes it)."""
        from PySide6.QtGui import QImage

        image = QImage(self.frames[index], self.width, self.height, self.width * 4, QImage.Format.Format_RGB32)
        image.save(str(path))
