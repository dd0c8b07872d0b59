"""Draw the program's icon: 督 in white on a red seal-like square.

Run once by hand; the results are committed, so the build needs no Chinese
font (Pillow is in the venv already: ReportLab depends on it):

    .venv/bin/python packaging/make_icon.py [FONT]

FONT is a TrueType font with the character 督 (default: WenQuanYi Micro Hei,
Debian's fonts-wqy-microhei). Writes resources/icons/app.png (256 px) and
resources/icons/app.ico (16 to 256 px, for the Windows executable).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
RED = (190, 22, 34, 255)  # seal red
PAPER = (255, 248, 240, 255)  # the white of the carved lines
SIZE = 1024  # drawn large, scaled down smoothly
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]


def draw(font_path: str, *, small: bool = False) -> Image.Image:
    """The seal; `small` leaves out the inner border and enlarges the
    character, so that 16 to 32 px stay legible."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    paint = ImageDraw.Draw(image)
    margin = 0 if small else SIZE // 32
    paint.rounded_rectangle((margin, margin, SIZE - margin, SIZE - margin), radius=SIZE // 9, fill=RED)
    if not small:
        inset = SIZE // 10
        paint.rounded_rectangle(
            (inset, inset, SIZE - inset, SIZE - inset), radius=SIZE // 22, outline=PAPER, width=SIZE // 36
        )
    font = ImageFont.truetype(font_path, int(SIZE * (0.84 if small else 0.62)))
    paint.text((SIZE // 2, SIZE // 2), "督", font=font, fill=PAPER, anchor="mm")
    return image


def main() -> None:
    font = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FONT
    large, small = draw(font), draw(font, small=True)
    frames = [(small if size <= 32 else large).resize((size, size), Image.LANCZOS) for size in ICO_SIZES]
    ICONS.mkdir(parents=True, exist_ok=True)
    frames[-1].save(ICONS / "app.png", optimize=True)
    frames[-1].save(ICONS / "app.ico", sizes=[frame.size for frame in frames], append_images=frames[:-1])
    print(f"wrote {ICONS / 'app.png'} and {ICONS / 'app.ico'}")


if __name__ == "__main__":
    main()
