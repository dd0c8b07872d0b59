"""Whose plan it is: the office a plan's title names at its start.

Published plans name their issuer first: the place (厦门市, 禾丰县, 云岫区,
柳湾镇, 兰亭街道; 福建省厦门市 …), sometimes followed by an organisation of
that place (临澜市统计局, 晴川县市场监督管理局) or by the government itself
(厦门市人民政府办公厅, which is 厦门市); then the year or the subject
(2022年…, 政务公开…, 深化“放管服”…). The rule, measured on the titles of the
conformance corpus (tests/data/plans/*.expected.json) and on Xiamen's own:

- The issuer is the text before the first year (2017年, 二〇一七年) or the
  first word that begins a subject (关于, 政务公开, 深化, 推进, 营商环境, a
  quotation mark …), without the government's own suffix (人民政府, 政府办公厅,
  政务公开办 …). It is read as a whole only when it starts with a place and
  ends like a place or an organisation (市, 区, 街道 …; 局, 委, 办, 中心 …).
- Otherwise only the first place is known (a title such as 临澜市城市更新
  试点…, where the subject starts with no word of the list); and a title that
  starts with no place (2022年政务公开工作要点, 全市…) names no office.

`other_office(title, office)` compares what was read with an office's name:
True, another office's plan (another place, or an organisation or district
of the same place: 厦门市财政局 and 厦门市思明区 are not 厦门市); False, the
office's own; None, it cannot tell (only the same first place was read, or
no place at all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The end of a place's name. A bare 州 ends one only when no 市/省/区/县 follows
# (广州市 and 贵州省 are one place each; 恩施州 is one too).
_PLACE_ENDS = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "街道",
    "省",
    "市",
    "县",
    "旗",
    "区",
    "镇",
    "乡",
    "盟",
    "州",
)
_PLACE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{1,8}?)"
    rf"(?P<suffix>{'|'.join(_PLACE_ENDS[:-1])}|州(?![市省区县]))"
)
_PROVINCE = ("省", "自治区", "特别行政区")
# A first word that is no place's name: 全市, 本区, 我县, 各镇 …
_NOT_A_PLACE = ("全", "本", "我", "各", "该", "此", "每", "市", "省", "县", "区")
# Words that begin the subject of a title and are in no office's name.
SUBJECT_WORDS = (
    "关于",
    "印发",
    "转发",
    "政务公开",
    "政府信息公开",
    "信息公开",
    "政务服务",
    "工作要点",
    "工作任务",
    "重点任务",
    "重点工作",
    "主要任务",
    "任务分工",
    "任务清单",
    "任务分解",
    "责任分工",
    "工作计划",
    "工作方案",
    "实施方案",
    "行动方案",
    "行动计划",
    "进一步",
    "全面",
    "深化",
    "深入",
    "推进",
    "推动",
    "推行",
    "加快",
    "加强",
    "优化",
    "提升",
    "贯彻",
    "落实",
    "开展",
    "实施",
    "创建",
    "打造",
    "促进",
    "营商环境",
    "放管服",
    "法治政府",
    "数字政府",
    "年度",
    "上半年",
    "下半年",
    "季度",
    "“",
    '"',
    "「",
    "（",
    "(",
    "《",
    "—",
    "-",
    ":",
    "：",
)
# Words of subjects that name no place, though a place's ending follows them.
_NOT_IN_A_PLACE = (
    "城市",
    "城乡",
    "乡村",
    "振兴",
    "示范",
    "试点",
    "建设",
    "管理",
    "发展",
    "改革",
    "服务",
    "治理",
    "文明",
)
_YEAR = re.compile(r"(?:19|20)[0-9]{2}\s*年|[〇零一二三四五六七八九]{4}年")
# What follows a place when the issuer is the place's government itself.
_GOVERNMENT = re.compile(r"(?:人民政府|政府)(?:办公厅|办公室|办)?$")
# How the name of an organisation of a place ends.
_ORGANISATION_END = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|办|厅|署|中心|院|所|部|会|公司|集团|行|社|馆|队|站|处|科|室|校|组)$"
)
_LEADING = re.compile(r"^(?:关于印发|关于转发|关于|印发|转发)?(?:中共)?")  # 中共厦门市委 is of 厦门市
_SPACE = re.compile(r"[\s\u3000]+")
MAX_OFFICE = 30  # longer than any issuer's name: the text is a subject


@dataclass(frozen=True)
class TitleOffice:
    """What a title says of its issuer: the first place it names and, when it
    could be read as a whole, the issuer (the place alone for its government)."""

    place: str
    office: str | None

    @property
    def name(self) -> str:
        """The issuer as messages name it: the whole when known, else the place."""
        return self.office or self.place


def _first_place(text: str) -> re.Match[str] | None:
    match = _PLACE.match(text)
    if match is None or match["name"].startswith(_NOT_A_PLACE):
        return None
    if len(match["name"]) < 2 and match["suffix"] != "县":
        return None  # 城市…, 园区…, 社区… (a name of one character: 沙县, 和县)
    if any(word in match.group() for word in (*SUBJECT_WORDS, *_NOT_IN_A_PLACE)):
        return None  # 推进城乡…, 乡村振兴示范区… are subjects
    return match


def title_office(title: str) -> TitleOffice | None:
    """The office `title` names at its start, or None when it names none."""
    text = _LEADING.sub("", _SPACE.sub("", title).lstrip('《“"「'))
    text = re.sub(rf"^(?:{_YEAR.pattern})度?", "", text)  # 2017年厦门市…
    first = _first_place(text)
    if first is None:
        return None
    if first["suffix"] in _PROVINCE and (second := _first_place(text[first.end() :])) is not None:
        text, first = text[first.end() :], second  # 福建省厦门市 is 厦门市
    issuer = text[: _subject_start(text, first.end())]
    issuer = first.group() + _GOVERNMENT.sub("", issuer[first.end() :])
    whole = len(issuer) <= MAX_OFFICE and (issuer.endswith(_PLACE_ENDS) or _ORGANISATION_END.search(issuer) is not None)
    return TitleOffice(first.group(), issuer if whole else None)


def _subject_start(text: str, start: int) -> int:
    """Where the subject of a title begins: its first year or subject word from `start` on."""
    found = [len(text)]
    if (year := _YEAR.search(text, start)) is not None:
        found.append(year.start())
    found += [at for word in SUBJECT_WORDS if (at := text.find(word, start)) >= 0]
    return min(found)


def other_office(title: str, office: str) -> bool | None:
    """Whether the plan titled `title` is another office's than `office`'s
    (a name such as 厦门市 or 厦门市人民政府): True, False, or None when the
    title does not tell."""
    plan, own = title_office(title), title_office(office)
    if plan is None or own is None:
        return None
    if plan.office is not None and own.office is not None:
        return plan.office != own.office
    return True if plan.place != own.place else None
