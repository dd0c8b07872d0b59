"""云岫区营商环境优化提升行动任务分工 — no year but the document's date; tasks not numbered."""

from datetime import datetime

from tests.plan_corpus.model import UP, H, Header, Plan, T

PLAN = Plan(
    name="yunxiu-docdate",
    formats=("docx", "pdf"),
    shape=(
        "District plan in Word and PDF whose title, file name and deadlines carry no year: the year (2022) "
        "comes from the document's date only (docx core properties created/modified, the PDF's CreationDate); "
        "任务内容|工作目标|牵头单位|责任单位|完成时限|备注; sections 一、 in merged rows; tasks not numbered at all, "
        "numbered 1..n through the plan in order (numbers_assigned); a lead cell merged down; 备注 kept."
    ),
    title="云岫区营商环境优化提升行动任务分工",
    year=2022,
    date=datetime(2022, 4, 8, 14, 20),
    numbers_assigned=True,
    above=["云岫区营商环境优化提升行动任务分工"],
    widths=[5.5, 8.0, 3.2, 4.0, 2.4, 2.6],
    collectives=["各街道", "区直有关部门"],
    rows=[
        Header(["任务内容", "工作目标", "牵头单位", "责任单位", "完成时限", "备注"], repeat=True),
        H("一、提升开办企业便利度", "一", "提升开办企业便利度"),
        T(
            [
                "推行企业开办“一网通办”",
                "企业开办时间压缩至1个工作日以内",
                "区市场监管局",
                "区税务局、人社局",
                "6月底前",
                "",
            ],
            n=1,
            title="推行企业开办“一网通办”",
            req="企业开办时间压缩至1个工作日以内",
            dl="6月底前",
            lead=["区市场监管局"],
            resp=["区税务局", "区人社局"],
            remark="",
        ),
        T(
            ["免费刻制首套印章", "新开办企业首套印章免费率100%", UP, "区公安分局", "5月底前", "区财政保障经费"],
            n=2,
            title="免费刻制首套印章",
            req="新开办企业首套印章免费率100%",
            dl="5月底前",
            lead=["区市场监管局"],
            lc=True,
            resp=["区公安分局"],
            remark="区财政保障经费",
        ),
        H("二、优化涉企服务", "二", "优化涉企服务"),
        T(
            ["建立重点企业服务专员制度", "每家重点企业明确一名服务专员", "区发改局", "各街道", "长期坚持", ""],
            n=3,
            title="建立重点企业服务专员制度",
            req="每家重点企业明确一名服务专员",
            dl="长期坚持",
            lead=["区发改局"],
            resp=["各街道"],
            remark="",
        ),
        T(
            [
                "开展“政企面对面”活动",
                "每季度至少举办1次政企座谈",
                "区工信局",
                "区发改局、商务局",
                "每季度",
                "纳入年度考核",
            ],
            n=4,
            title="开展“政企面对面”活动",
            req="每季度至少举办1次政企座谈",
            dl="每季度",
            lead=["区工信局"],
            resp=["区发改局", "区商务局"],
            remark="纳入年度考核",
        ),
        T(
            ["公开涉企政策清单", "惠企政策在区政府网站集中公开、一站查询", "区政府办", "区直有关部门", "年底前", ""],
            n=5,
            title="公开涉企政策清单",
            req="惠企政策在区政府网站集中公开、一站查询",
            dl="年底前",
            lead=["区政府办"],
            resp=["区直有关部门"],
            remark="",
        ),
    ],
)
