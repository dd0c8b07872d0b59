"""Reading a file the user named: only regular files, within a size limit, with
a clear message for every way it can fail; decoding text in the encodings
offices use (UTF-8 with or without BOM, GB18030)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from db.errors import InputError

MB = 1024 * 1024
# Control characters (but tab and line ends) and private-use ones: binary bytes
# that happened to decode. Found by one regular expression, not per character.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")
MAX_TEXT_BYTES = 20 * MB


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or GB18030; anything else is refused."""
    if b"\x00" in data:
        raise InputError(path, "不是文本文件（含有二进制内容）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(path, "不是文本文件，或文字编码无法识别（应为 UTF-8 或 GB18030）")
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 200):
        raise InputError(path, "不是文本文件（含有大量控制字符）")
    return text


def read_file_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; a folder, a FIFO or a
    device is refused before it is opened (reading a FIFO would wait for ever)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "是一个文件夹，不是文件")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "不是普通文件（可能是管道或设备），只能导入保存在磁盘上的文件")
        if info.st_size > limit:
            raise InputError(path, f"文件过大（{info.st_size // MB} MB），超过 {limit // MB} MB 的上限，不像工作计划")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "文件不存在") from None
    except PermissionError:
        raise InputError(path, "没有读取权限") from None
    except OSError as exc:
        raise InputError(path, f"无法读取：{exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(path, "文件是空的")
    return data
