"""兰亭街道2022年政务公开工作任务清单 — a street office's plan in two tables."""

from dataclasses import replace
from datetime import datetime

from tests.plan_corpus.model import H, Header, Plan, T, TableBreak

HEADER = ["工作任务", "具体要求", "牵头单位", "协办单位", "完成时限"]

PLAN = Plan(
    name="lanting-2022-street",
    formats=("docx", "pdf"),
    shape=(
        "Street office (街道) plan in Word and PDF made of two tables, one per section, each with its own header "
        "row marked to repeat; three heading levels in merged rows (一、/（一）/1.), tasks numbered ① ② … "
        "restarting under every level-3 heading (numbering: section); 工作任务|具体要求|牵头单位|协办单位|完成时限; "
        "the street's own offices and the collectives 各科室 and 各社区; a 、 list mixing a collective and an office; "
        "an empty 协办单位 cell that is not merged (task 2 of 1.) names no unit."
    ),
    title="兰亭街道2022年政务公开工作任务清单",
    numbering="section",
    year=2022,
    date=datetime(2022, 3, 25, 11, 0),
    above=["附件", "兰亭街道2022年政务公开工作任务清单"],
    widths=[6.5, 9.5, 3.4, 3.6, 2.6],
    collectives=["各科室", "各社区"],
    rows=[
        Header(HEADER, repeat=True),
        H("一、强化政策公开", "一", "强化政策公开"),
        H("（一）做好政策发布", "一", "做好政策发布", level=2),
        H("1.规范发布程序", "1", "规范发布程序", level=3),
        T(
            [
                "①建立政策文件公开属性源头认定机制",
                "拟制公文时同步明确公开属性，不予公开的说明理由。",
                "党政办公室",
                "各科室",
                "2022年4月底前",
            ],
            n=1,
            title="建立政策文件公开属性源头认定机制",
            req="拟制公文时同步明确公开属性，不予公开的说明理由。",
            dl="2022年4月底前",
            lead=["党政办公室"],
            resp=["各科室"],
        ),
        T(
            [
                "②严格落实信息发布保密审查",
                "信息公开前依法依规进行保密审查，做到先审后发。",
                "党政办公室",
                "",
                "长期坚持",
            ],
            n=2,
            title="严格落实信息发布保密审查",
            req="信息公开前依法依规进行保密审查，做到先审后发。",
            dl="长期坚持",
            lead=["党政办公室"],
        ),
        H("2.做好政策解读", "2", "做好政策解读", level=3),
        T(
            [
                "①同步解读涉及群众切身利益的政策",
                "解读材料与政策文件同步报批、同步发布。",
                "党政办公室",
                "社区建设办公室",
                "长期坚持",
            ],
            n=1,
            title="同步解读涉及群众切身利益的政策",
            req="解读材料与政策文件同步报批、同步发布。",
            dl="长期坚持",
            lead=["党政办公室"],
            resp=["社区建设办公室"],
        ),
        T(
            [
                "②开展政策进社区活动",
                "每季度至少开展1次政策宣讲，现场解答居民疑问。",
                "社区建设办公室",
                "各社区",
                "每季度",
            ],
            n=2,
            title="开展政策进社区活动",
            req="每季度至少开展1次政策宣讲，现场解答居民疑问。",
            dl="每季度",
            lead=["社区建设办公室"],
            resp=["各社区"],
        ),
        H("（二）回应社会关切", "二", "回应社会关切", level=2),
        H("1.办好12345热线诉求", "1", "办好12345热线诉求", level=3),
        T(
            [
                "①热线诉求按时办结",
                "转办诉求按期办结率达到100%，办理结果及时反馈。",
                "综合治理办公室",
                "各社区",
                "长期坚持",
            ],
            n=1,
            title="热线诉求按时办结",
            req="转办诉求按期办结率达到100%，办理结果及时反馈。",
            dl="长期坚持",
            lead=["综合治理办公室"],
            resp=["各社区"],
        ),
        TableBreak(),
        Header(HEADER, repeat=True),
        H("二、深化基层公开", "二", "深化基层公开"),
        H("（一）推进居务公开", "一", "推进居务公开", level=2),
        H("1.规范公开内容", "1", "规范公开内容", level=3),
        T(
            [
                "①编制社区居务公开目录",
                "明确公开事项、公开时限和公开方式，在社区公开栏张贴。",
                "社区建设办公室",
                "各社区",
                "2022年6月底前",
            ],
            n=1,
            title="编制社区居务公开目录",
            req="明确公开事项、公开时限和公开方式，在社区公开栏张贴。",
            dl="2022年6月底前",
            lead=["社区建设办公室"],
            resp=["各社区"],
        ),
        T(
            ["②按季度公开社区财务收支", "财务收支情况每季度公开一次，重大事项随时公开。", "财政所", "各社区", "每季度"],
            n=2,
            title="按季度公开社区财务收支",
            req="财务收支情况每季度公开一次，重大事项随时公开。",
            dl="每季度",
            lead=["财政所"],
            resp=["各社区"],
        ),
        H("2.拓展公开渠道", "2", "拓展公开渠道", level=3),
        T(
            ["①用好社区微信群", "通过社区微信群及时推送惠民政策和办事指南。", "各社区", "", "长期坚持"],
            n=1,
            title="用好社区微信群",
            req="通过社区微信群及时推送惠民政策和办事指南。",
            dl="长期坚持",
            lead=["各社区"],
        ),
        H("（二）加强城市管理信息公开", "二", "加强城市管理信息公开", level=2),
        H("1.公开执法信息", "1", "公开执法信息", level=3),
        T(
            [
                "①公开城市管理执法事项和流程",
                "在街道公开栏和政务新媒体公开执法依据、程序和结果。",
                "城市管理办公室",
                "综合执法队",
                "2022年5月底前",
            ],
            n=1,
            title="公开城市管理执法事项和流程",
            req="在街道公开栏和政务新媒体公开执法依据、程序和结果。",
            dl="2022年5月底前",
            lead=["城市管理办公室"],
            resp=["综合执法队"],
        ),
        T(
            [
                "②公开垃圾分类收运信息",
                "公开各小区收运时间、收运单位和监督电话。",
                "城市管理办公室",
                "各社区、社区建设办公室",
                "2022年7月底前",
            ],
            n=2,
            title="公开垃圾分类收运信息",
            req="公开各小区收运时间、收运单位和监督电话。",
            dl="2022年7月底前",
            lead=["城市管理办公室"],
            resp=["各社区", "社区建设办公室"],
        ),
    ],
)


# The same tables copied out of Word as text: the text cannot show whether an empty
# cell was merged, so by the rule of copied text the empty 协办单位 cell of task 2
# continues the cell above within its heading.
TEXT_PLAN = replace(
    PLAN,
    name="lanting-2022-street-text",
    formats=("txt",),
    shape=(
        "The street office's two tables copied out of Word as text (UTF-8 with BOM, CRLF): the second table's "
        "header shows as a repeated header row; three heading levels as one-cell rows (一、/（一）/1.: a one-cell "
        "row is a heading, even 1.规范发布程序), tasks ① ② restarting under every level-3 heading; the empty "
        "协办单位 cell of task 2 continues 各科室 from the task above (in text an empty cell cannot be told from a "
        "merged one)."
    ),
    rows=[
        replace(row, resp=["各科室"], rc=True)
        if isinstance(row, T) and row.title == "严格落实信息发布保密审查"
        else row
        for row in PLAN.rows
    ],
)
