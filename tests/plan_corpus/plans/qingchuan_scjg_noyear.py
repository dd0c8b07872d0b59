"""晴川县市场监督管理局政务公开重点任务分解 — GB18030 CSV with no year anywhere."""

from tests.plan_corpus.model import H, Header, Plan, T

NAME = "晴川县市场监督管理局政务公开重点任务分解"

PLAN = Plan(
    name="qingchuan-scjg-noyear",
    file_names={"csv": f"{NAME}.csv"},
    formats=("csv",),
    shape=(
        "CSV in GB18030 (CRLF) with no year anywhere (not in the file name, no title row, deadlines without a "
        "year): read with year=2023 given; title from the file name; 编号|具体任务|责任部门|完成时限 (a subset of "
        "columns); section rows 一、 with their text in the first cell only; the numbers in 编号 restart in every "
        "section (numbering: section); one units column (责任部门): a bare name leads, '牵头：X；配合：Y', 'X负责'; "
        "the bureau's 股室 and the collective 各市场监管所."
    ),
    title=NAME,
    year=2023,
    args={"year": 2023},
    numbering="section",
    widths=[1.5, 10.0, 5.0, 3.0],
    encoding="gb18030",
    collectives=["各市场监管所"],
    rows=[
        Header(["编号", "具体任务", "责任部门", "完成时限"]),
        H("一、行政执法信息公开", "一", "行政执法信息公开"),
        T(
            ["1", "公开行政处罚决定书，处罚决定作出之日起20个工作日内公示", "法规股", "长期坚持"],
            n=1,
            title="公开行政处罚决定书，处罚决定作出之日起20个工作日内公示",
            dl="长期坚持",
            lead=["法规股"],
        ),
        T(
            ["2", "公开“双随机、一公开”抽查计划和抽查结果", "牵头：信用监管股；配合：各市场监管所", "6月底前"],
            n=2,
            title="公开“双随机、一公开”抽查计划和抽查结果",
            dl="6月底前",
            lead=["信用监管股"],
            resp=["各市场监管所"],
        ),
        T(
            ["3", "更新行政执法事项清单和执法流程图", "法规股负责", "9月底前"],
            n=3,
            title="更新行政执法事项清单和执法流程图",
            dl="9月底前",
            lead=["法规股"],
        ),
        H("二、食品药品安全信息公开", "二", "食品药品安全信息公开"),
        T(
            ["1", "按季度公开食品安全监督抽检信息", "食品生产股牵头，各市场监管所配合", "每季度"],
            n=1,
            title="按季度公开食品安全监督抽检信息",
            dl="每季度",
            lead=["食品生产股"],
            resp=["各市场监管所"],
        ),
        T(
            ["2", "公开药品零售企业检查结果", "药品医疗器械股", "年底前"],
            n=2,
            title="公开药品零售企业检查结果",
            dl="年底前",
            lead=["药品医疗器械股"],
        ),
        H("三、政务公开平台建设", "三", "政务公开平台建设"),
        T(
            ["1", "及时更新局政府信息公开专栏，做好依申请公开答复", "办公室负责", "长期坚持"],
            n=1,
            title="及时更新局政府信息公开专栏，做好依申请公开答复",
            dl="长期坚持",
            lead=["办公室"],
        ),
    ],
)
