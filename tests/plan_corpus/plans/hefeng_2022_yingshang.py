"""禾丰县2022年优化营商环境任务清单 — a county sheet, as .xlsx and old .xls."""

from datetime import datetime

from tests.plan_corpus.model import UP, H, Header, Plan, T

PLAN = Plan(
    name="hefeng-2022-yingshang",
    formats=("xlsx", "xls"),
    shape=(
        "County task list kept in Excel (.xlsx, and the same sheet saved as .xls): title in a merged row above "
        "the header; columns 序号|工作任务|完成时限|责任单位|责任领导|备注 (deadline before the units, a leader and "
        "a remark column); section rows merged across; bare numbers in 序号 stored as numbers; ONE units column "
        "holding both roles in every phrasing: 'X牵头，Y配合', 'X、Y牵头，Z配合；各镇（街）参照落实' (the towns "
        "that 参照落实 are responsible units), 'X牵头落实', 'X、Y分别牵头' (both lead), 'X负责', '牵头：X；配合：Y', "
        "and a line break between the lead and the others; the shared 县 of a 、 list is applied like the "
        "shared 市 (县财政局、自然资源局 → 县财政局, 县自然资源局), never to 人民银行禾丰县支行; the leader cell "
        "merged down over several tasks gives each of them the same leader; the office's own collectives "
        "各镇（街） and 县直有关部门."
    ),
    title="禾丰县2022年优化营商环境任务清单",
    year=2022,
    date=datetime(2022, 2, 20, 15, 0),
    above=["禾丰县2022年优化营商环境任务清单"],
    widths=[1.3, 9.0, 3.0, 6.5, 2.4, 3.0],
    numeric_columns=(0,),
    sheet_title="任务清单",
    collectives=["各镇（街）", "县直有关部门"],
    rows=[
        Header(["序号", "工作任务", "完成时限", "责任单位", "责任领导", "备注"]),
        H("一、提升政务服务效能", "一", "提升政务服务效能"),
        T(
            [
                "1",
                "推进企业开办全程网办，实现企业开办1个环节、0.5个工作日办结、零费用。",
                "2022年6月底前",
                "县行政审批局、县市场监管局牵头，县税务局配合；各镇（街）参照落实",
                "刘卫东",
                "市级考核指标",
            ],
            n=1,
            title="推进企业开办全程网办，实现企业开办1个环节、0.5个工作日办结、零费用。",
            dl="2022年6月底前",
            lead=["县行政审批局", "县市场监管局"],
            resp=["县税务局", "各镇（街）"],
            leader="刘卫东",
            remark="市级考核指标",
        ),
        T(
            [
                "2",
                "全面推行证明事项告知承诺制，公布实行告知承诺制的证明事项目录。",
                "2022年9月底前",
                "牵头：县司法局；配合：县直有关部门",
                UP,
                "",
            ],
            n=2,
            title="全面推行证明事项告知承诺制，公布实行告知承诺制的证明事项目录。",
            dl="2022年9月底前",
            lead=["县司法局"],
            resp=["县直有关部门"],
            leader="刘卫东",
            remark="",
        ),
        T(
            [
                "3",
                "深化“一窗通办”改革，县政务服务中心综合窗口占比达到80%以上。",
                "2022年12月底前",
                "县政务服务中心负责",
                UP,
                "",
            ],
            n=3,
            title="深化“一窗通办”改革，县政务服务中心综合窗口占比达到80%以上。",
            dl="2022年12月底前",
            lead=["县政务服务中心"],
            leader="刘卫东",
            remark="",
        ),
        T(
            [
                "4",
                "推进社保、医保业务“跨省通办”，公布事项清单和办理渠道。",
                "2022年10月底前",
                "县人社局、县医保局分别牵头",
                UP,
                "省定任务",
            ],
            n=4,
            title="推进社保、医保业务“跨省通办”，公布事项清单和办理渠道。",
            dl="2022年10月底前",
            lead=["县人社局", "县医保局"],
            leader="刘卫东",
            remark="省定任务",
        ),
        H("二、优化项目建设环境", "二", "优化项目建设环境"),
        T(
            [
                "5",
                "工程建设项目审批全流程时间压减至80个工作日以内。",
                "2022年6月底前",
                "县住建局牵头落实",
                "孙海涛",
                "",
            ],
            n=5,
            title="工程建设项目审批全流程时间压减至80个工作日以内。",
            dl="2022年6月底前",
            lead=["县住建局"],
            leader="孙海涛",
            remark="",
        ),
        T(
            [
                "6",
                "推行“标准地”出让，新增工业用地按“标准地”供应比例不低于30%。",
                "2022年12月底前",
                "县自然资源局\n县发改局、工信局、生态环境局",
                UP,
                "",
            ],
            n=6,
            title="推行“标准地”出让，新增工业用地按“标准地”供应比例不低于30%。",
            dl="2022年12月底前",
            lead=["县自然资源局"],
            resp=["县发改局", "县工信局", "县生态环境局"],
            leader="孙海涛",
            remark="",
        ),
        T(
            [
                "7",
                "推进水电气暖报装“一站式”服务，公开报装流程、时限和收费标准。",
                "2022年9月底前",
                "县发改局牵头，县财政局、自然资源局配合",
                UP,
                "",
            ],
            n=7,
            title="推进水电气暖报装“一站式”服务，公开报装流程、时限和收费标准。",
            dl="2022年9月底前",
            lead=["县发改局"],
            resp=["县财政局", "县自然资源局"],
            leader="孙海涛",
            remark="",
        ),
        H("三、加强市场主体服务", "三", "加强市场主体服务"),
        T(
            [
                "8",
                "落实普惠金融政策，扩大中小微企业首贷、信用贷规模。",
                "长期坚持",
                "县金融办、人民银行禾丰县支行牵头，县财政局配合",
                "周晓燕",
                "",
            ],
            n=8,
            title="落实普惠金融政策，扩大中小微企业首贷、信用贷规模。",
            dl="长期坚持",
            lead=["县金融办", "人民银行禾丰县支行"],
            resp=["县财政局"],
            leader="周晓燕",
            remark="",
        ),
        T(
            [
                "9",
                "建立企业诉求“直通车”制度，企业诉求办结率达到95%以上。",
                "2022年12月底前",
                "县工信局牵头，各镇（街）配合",
                UP,
                "每月通报",
            ],
            n=9,
            title="建立企业诉求“直通车”制度，企业诉求办结率达到95%以上。",
            dl="2022年12月底前",
            lead=["县工信局"],
            resp=["各镇（街）"],
            leader="周晓燕",
            remark="每月通报",
        ),
        T(
            ["10", "开展涉企违规收费专项整治，公布涉企收费目录清单。", "2022年8月底前", "县市场监管局负责", UP, ""],
            n=10,
            title="开展涉企违规收费专项整治，公布涉企收费目录清单。",
            dl="2022年8月底前",
            lead=["县市场监管局"],
            leader="周晓燕",
            remark="",
        ),
    ],
)
