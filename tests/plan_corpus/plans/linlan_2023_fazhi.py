"""临澜市2023年法治政府建设工作任务分工 — an Excel sheet with its lead column first."""

from datetime import datetime

from tests.plan_corpus.model import UP, H, Header, Plan, T

HEADER = ["牵头单位", "目标任务", "具体措施", "参与单位", "时限要求"]

PLAN = Plan(
    name="linlan-2023-fazhi",
    formats=("xlsx",),
    shape=(
        "City sheet (.xlsx, sheet 附件2) with the columns in an unusual order: 牵头单位|目标任务|具体措施|参与单位|"
        "时限要求; 附件2 and the title in merged rows above the header; sections 一、 in merged rows; tasks "
        "numbered （1）（2） restarting in every section (numbering: section); the header copied again part-way "
        "down (as printed pages copied into one sheet) followed by the same section heading again (二、, same "
        "title: it continues section 二); lead cells merged down (a merged range in the first column); "
        "collective 市直有关部门 and 各县（市、区）."
    ),
    title="临澜市2023年法治政府建设工作任务分工",
    year=2023,
    date=datetime(2023, 2, 27, 10, 0),
    above=["附件2", "临澜市2023年法治政府建设工作任务分工"],
    widths=[3.2, 5.5, 9.0, 4.5, 2.6],
    sheet_title="附件2",
    numbering="section",
    collectives=["市直有关部门", "各县（市、区）"],
    rows=[
        Header(HEADER),
        H("一、依法全面履行政府职能", "一", "依法全面履行政府职能"),
        T(
            [
                "市委编办",
                "（1）动态调整权责清单",
                "根据法律法规立改废释情况，及时调整市级部门权责清单并向社会公布。",
                "市直有关部门",
                "2023年6月底前",
            ],
            n=1,
            title="动态调整权责清单",
            req="根据法律法规立改废释情况，及时调整市级部门权责清单并向社会公布。",
            dl="2023年6月底前",
            lead=["市委编办"],
            resp=["市直有关部门"],
        ),
        T(
            [
                UP,
                "（2）规范行政备案管理",
                "梳理公布行政备案事项清单，严禁以备案名义变相实施审批。",
                "市司法局",
                "2023年9月底前",
            ],
            n=2,
            title="规范行政备案管理",
            req="梳理公布行政备案事项清单，严禁以备案名义变相实施审批。",
            dl="2023年9月底前",
            lead=["市委编办"],
            lc=True,
            resp=["市司法局"],
        ),
        H("二、健全依法行政制度体系", "二", "健全依法行政制度体系"),
        T(
            [
                "市司法局",
                "（1）加强重点领域立法",
                "围绕生态环境保护、城市管理等领域开展地方立法，年内完成2件立法项目。",
                "市人大常委会法工委、市生态环境局",
                "2023年12月底前",
            ],
            n=1,
            title="加强重点领域立法",
            req="围绕生态环境保护、城市管理等领域开展地方立法，年内完成2件立法项目。",
            dl="2023年12月底前",
            lead=["市司法局"],
            resp=["市人大常委会法工委", "市生态环境局"],
        ),
        T(
            [
                UP,
                "（2）严格规范性文件合法性审核",
                "行政规范性文件合法性审核率达到100%，审核意见书面反馈。",
                "市直有关部门，各县（市、区）",
                "长期坚持",
            ],
            n=2,
            title="严格规范性文件合法性审核",
            req="行政规范性文件合法性审核率达到100%，审核意见书面反馈。",
            dl="长期坚持",
            lead=["市司法局"],
            lc=True,
            resp=["市直有关部门", "各县（市、区）"],
        ),
        Header(HEADER),
        H("二、健全依法行政制度体系", "二", "健全依法行政制度体系", again=True),
        T(
            [
                "市司法局",
                "（3）开展规范性文件清理",
                "对现行有效的规范性文件开展全面清理，清理结果向社会公布。",
                "市直有关部门",
                "2023年10月底前",
            ],
            n=3,
            title="开展规范性文件清理",
            req="对现行有效的规范性文件开展全面清理，清理结果向社会公布。",
            dl="2023年10月底前",
            lead=["市司法局"],
            resp=["市直有关部门"],
        ),
        H("三、推进严格规范公正文明执法", "三", "推进严格规范公正文明执法"),
        T(
            [
                "市司法局",
                "（1）全面落实行政执法三项制度",
                "执法公示、执法全过程记录、重大执法决定法制审核制度落实率达到100%。",
                "市直有关部门",
                "2023年12月底前",
            ],
            n=1,
            title="全面落实行政执法三项制度",
            req="执法公示、执法全过程记录、重大执法决定法制审核制度落实率达到100%。",
            dl="2023年12月底前",
            lead=["市司法局"],
            resp=["市直有关部门"],
        ),
        T(
            [
                "市城管局",
                "（2）推进综合行政执法改革",
                "整合执法队伍，公布综合行政执法事项目录。",
                "各县（市、区）",
                "2023年8月底前",
            ],
            n=2,
            title="推进综合行政执法改革",
            req="整合执法队伍，公布综合行政执法事项目录。",
            dl="2023年8月底前",
            lead=["市城管局"],
            resp=["各县（市、区）"],
        ),
    ],
)
