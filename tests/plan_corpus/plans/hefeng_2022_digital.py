"""禾丰县2022年数字政府建设重点任务 — a CSV whose title is only its file name."""

from tests.plan_corpus.model import Header, Plan, T

NAME = "禾丰县2022年数字政府建设重点任务"

PLAN = Plan(
    name="hefeng-2022-digital",
    file_names={"csv": f"{NAME}.csv"},
    formats=("csv",),
    shape=(
        "CSV (UTF-8 with BOM, CRLF) saved from a sheet: no title row, so the title and year come from the file "
        "name only; columns 主要内容|牵头单位|协办单位|时间节点; no headings (sections []); tasks not numbered at "
        "all, so they are numbered 1..n in order (numbers_assigned); the shared 县 of a 、 list; collectives "
        "县直有关部门, 各镇（街）."
    ),
    title=NAME,
    year=2022,
    numbers_assigned=True,
    widths=[9.0, 3.0, 5.0, 3.0],
    collectives=["县直有关部门", "各镇（街）"],
    rows=[
        Header(["主要内容", "牵头单位", "协办单位", "时间节点"]),
        T(
            ["建成县级政务云平台，县直部门业务系统迁移上云率达到90%", "县大数据中心", "县财政局", "2022年9月"],
            n=1,
            title="建成县级政务云平台，县直部门业务系统迁移上云率达到90%",
            dl="2022年9月",
            lead=["县大数据中心"],
            resp=["县财政局"],
        ),
        T(
            ["推进政务数据共享，编制公布县级政务数据资源目录", "县大数据中心", "县发改局、工信局", "2022年6月"],
            n=2,
            title="推进政务数据共享，编制公布县级政务数据资源目录",
            dl="2022年6月",
            lead=["县大数据中心"],
            resp=["县发改局", "县工信局"],
        ),
        T(
            ["推广电子证照应用，常用证照电子化率达到95%", "县行政审批局", "县公安局、民政局、人社局", "2022年12月"],
            n=3,
            title="推广电子证照应用，常用证照电子化率达到95%",
            dl="2022年12月",
            lead=["县行政审批局"],
            resp=["县公安局", "县民政局", "县人社局"],
        ),
        T(
            ["建设“互联网+监管”系统，监管事项覆盖率达到100%", "县市场监管局", "县直有关部门", "2022年10月"],
            n=4,
            title="建设“互联网+监管”系统，监管事项覆盖率达到100%",
            dl="2022年10月",
            lead=["县市场监管局"],
            resp=["县直有关部门"],
        ),
        T(
            ["推进镇（街）便民服务中心网上办事全覆盖", "县行政审批局", "各镇（街）", "2022年12月"],
            n=5,
            title="推进镇（街）便民服务中心网上办事全覆盖",
            dl="2022年12月",
            lead=["县行政审批局"],
            resp=["各镇（街）"],
        ),
        T(
            ["开展政务信息系统安全等级保护测评", "县委网信办", "县公安局", "2022年11月"],
            n=6,
            title="开展政务信息系统安全等级保护测评",
            dl="2022年11月",
            lead=["县委网信办"],
            resp=["县公安局"],
        ),
    ],
)
