"""One module per plan: its cell texts and, beside each task, its reading by hand."""

from tests.plan_corpus.plans import linlan_2021_zwgk

PLANS = [
    linlan_2021_zwgk.PLAN,
]
