"""The tasks of a plan as read, by label; and the lead units a person gives
to the tasks the plan names none for (the import preview, `import-plan
--lead`), before the plan is stored.

A task is named by its label (db.queries.labels: its number, or `二·3` where
the numbering restarts), as the preview and the import report name it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from db.plans.model import ParsedAssignment, ParsedPlan
from db.plans.units import NamedUnit, clean
from db.queries.labels import restarts, task_label


def parsed_labels(parsed: ParsedPlan) -> dict[int, str]:
    """id(task) -> the task's label (db.queries.labels), for every task of a plan
    as read: its number, or with its headings' numerals where the
    numbering restarts."""
    restarting = restarts(task.number for task in parsed.all_tasks())
    return {
        id(task): task_label([section.numeral for section in path], task.number, restarting)
        for path, task in parsed.section_paths()
    }


def give_leads(plan: ParsedPlan, leads: Mapping[str, str], collectives: Collection[str] = ()) -> list[str]:
    """Give each task labelled in `leads` that names no lead unit the unit
    named there (a name of the registry or a new one, matched like the
    plan's own names when the plan is stored). Returns the labels that could
    not be used: no task has them, the task names a lead unit already, or
    the name is empty."""
    if not leads:
        return []
    labels = parsed_labels(plan)
    wanted = {label: clean(name) for label, name in leads.items()}
    unused = [label for label, name in wanted.items() if not name]
    seen = set()
    for task in plan.all_tasks():
        label = labels[id(task)]
        name = wanted.get(label)
        if not name:
            continue
        seen.add(label)
        if task.lead:
            unused.append(label)
        else:
            task.lead = [ParsedAssignment(NamedUnit(name, name, collective=name in collectives))]
    return unused + [label for label, name in wanted.items() if name and label not in seen]
