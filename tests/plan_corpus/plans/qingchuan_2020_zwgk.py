"""晴川县2020年政务公开工作要点任务分工 — text copied out of the Word table, GB18030 with CRLF."""

from tests.plan_corpus.model import UP, H, Header, Plan, T

HEADER = ["工 作 任 务", "牵头单位", "责 任 单 位", "完成时限", "工 作 要 求"]
ALL = ["县直各部门", "各乡镇人民政府"]

PLAN = Plan(
    name="qingchuan-2020-zwgk",
    formats=("txt",),
    shape=(
        "Text copied out of a county's Word table (the form of the bundled 2016 plan) saved as GB18030 with CRLF: "
        "title line above, the header (spaced names) copied again at two page breaks; 工作任务|牵头单位|责任单位|"
        "完成时限|工作要求; sections 一、 and subsections （一） in one-cell rows; tasks numbered 1、 and 1． mixed; an "
        "empty lead/responsible cell continues the task above within its subsection, also across a copied header "
        "(tasks 4, 9), but not after a heading (task 6 has no lead); a lead cell of two lines naming two units; a "
        "unit name broken over two lines (县市场监督 / 管理局 is one unit); the shared 县 of a 、 list; collectives "
        "县直各部门, 各乡镇人民政府."
    ),
    title="晴川县2020年政务公开工作要点任务分工",
    year=2020,
    above=["晴川县2020年政务公开工作要点任务分工"],
    widths=[5.0, 3.0, 4.0, 2.5, 8.0],
    encoding="gb18030",
    newline="\r\n",
    collectives=ALL,
    rows=[
        Header(HEADER),
        H("一、推进决策和执行公开", "一", "推进决策和执行公开"),
        H("（一）推进重大决策预公开", "一", "推进重大决策预公开", level=2),
        T(
            [
                "1、建立重大决策预公开制度",
                "县政府办",
                "县直各部门，各乡镇人民政府",
                "2020年6月底前",
                "涉及群众切身利益的重大决策，决策前向社会公开征求意见。",
            ],
            n=1,
            title="建立重大决策预公开制度",
            req="涉及群众切身利益的重大决策，决策前向社会公开征求意见。",
            dl="2020年6月底前",
            lead=["县政府办"],
            resp=ALL,
        ),
        T(
            ["2、公开重大决策事项目录", UP, UP, "2020年3月底前", "年初公布县政府年度重大行政决策事项目录。"],
            n=2,
            title="公开重大决策事项目录",
            req="年初公布县政府年度重大行政决策事项目录。",
            dl="2020年3月底前",
            lead=["县政府办"],
            resp=ALL,
            lc=True,
            rc=True,
        ),
        T(
            ["3、做好决策草案解读", "县司法局\n县政府办", UP, "长期坚持", ""],
            n=3,
            title="做好决策草案解读",
            dl="长期坚持",
            lead=["县司法局", "县政府办"],
            resp=ALL,
            rc=True,
        ),
        Header(HEADER),
        T(
            ["4．公开决策执行情况", "", "", "2020年12月底前", "对重大决策执行情况开展跟踪评估，评估结果向社会公开。"],
            n=4,
            title="公开决策执行情况",
            req="对重大决策执行情况开展跟踪评估，评估结果向社会公开。",
            dl="2020年12月底前",
            lead=["县司法局", "县政府办"],
            resp=ALL,
            lc=True,
            rc=True,
        ),
        H("（二）推进执行公开", "二", "推进执行公开", level=2),
        T(
            [
                "5、公开重点工作推进情况",
                "县政府督查室",
                "县直各部门",
                "每季度",
                "按季度公开县政府重点工作和民生实事推进情况。",
            ],
            n=5,
            title="公开重点工作推进情况",
            req="按季度公开县政府重点工作和民生实事推进情况。",
            dl="每季度",
            lead=["县政府督查室"],
            resp=["县直各部门"],
        ),
        H("二、推进重点领域信息公开", "二", "推进重点领域信息公开"),
        H("（一）推进财政信息公开", "一", "推进财政信息公开", level=2),
        T(
            [
                "6、公开政府预决算",
                "",
                "县直各部门，各乡镇人民政府",
                "2020年8月底前",
                "按规定时限公开政府预算、决算和“三公”经费。",
            ],
            n=6,
            title="公开政府预决算",
            req="按规定时限公开政府预算、决算和“三公”经费。",
            dl="2020年8月底前",
            resp=ALL,
        ),
        T(
            ["7．公开政府债务信息", "县财政局", UP, "2020年9月底前", "公开政府债务限额、余额和使用安排。"],
            n=7,
            title="公开政府债务信息",
            req="公开政府债务限额、余额和使用安排。",
            dl="2020年9月底前",
            lead=["县财政局"],
            resp=ALL,
            rc=True,
        ),
        H("（二）推进市场监管信息公开", "二", "推进市场监管信息公开", level=2),
        T(
            [
                "8、公开“双随机”抽查结果",
                "县市场监督\n管理局",
                "县农业农村局、卫健局、应急局",
                "2020年12月底前",
                "抽查事项、抽查结果及时通过公示系统向社会公开。",
            ],
            n=8,
            title="公开“双随机”抽查结果",
            req="抽查事项、抽查结果及时通过公示系统向社会公开。",
            dl="2020年12月底前",
            lead=["县市场监督管理局"],
            resp=["县农业农村局", "县卫健局", "县应急局"],
        ),
        Header(HEADER),
        T(
            ["9、公开食品安全监督抽检信息", "", "各乡镇人民政府", "每季度", "按季度公布食品安全监督抽检结果。"],
            n=9,
            title="公开食品安全监督抽检信息",
            req="按季度公布食品安全监督抽检结果。",
            dl="每季度",
            lead=["县市场监督管理局"],
            lc=True,
            resp=["各乡镇人民政府"],
        ),
        T(
            ["10、公开药品安全信息", UP, UP, "每季度", "及时公开药品不良反应监测和处置信息。"],
            n=10,
            title="公开药品安全信息",
            req="及时公开药品不良反应监测和处置信息。",
            dl="每季度",
            lead=["县市场监督管理局"],
            lc=True,
            resp=["各乡镇人民政府"],
            rc=True,
        ),
    ],
)
