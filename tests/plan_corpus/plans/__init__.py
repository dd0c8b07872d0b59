"""One module per plan: its cell texts and, beside each task, its reading by hand."""

from tests.plan_corpus.plans import (
    hefeng_2022_digital,
    hefeng_2022_yingshang,
    lanting_2022_street,
    linlan_2021_zwgk,
    linlan_2022_yingshang,
    linlan_2023_fazhi,
    linlan_tongji_2022,
    liuwan_2021_town,
    qingchuan_2020_zwgk,
    qingchuan_scjg_noyear,
    xiamen_2016,
    yunxiu_2023_fangguanfu,
    yunxiu_docdate,
    yunxiu_wjj_2022,
)

PLANS = [
    linlan_2021_zwgk.PLAN,
    hefeng_2022_yingshang.PLAN,
    yunxiu_2023_fangguanfu.PLAN,
    liuwan_2021_town.PLAN,
    lanting_2022_street.PLAN,
    lanting_2022_street.TEXT_PLAN,
    linlan_tongji_2022.PLAN,
    qingchuan_2020_zwgk.PLAN,
    hefeng_2022_digital.PLAN,
    qingchuan_scjg_noyear.PLAN,
    linlan_2022_yingshang.PLAN,
    yunxiu_wjj_2022.PLAN,
    yunxiu_docdate.PLAN,
    linlan_2023_fazhi.PLAN,
    xiamen_2016.PLAN,
]
