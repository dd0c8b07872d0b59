"""Which tasks the window's filter lets through, answered from memory.

The criteria are those of db/queries/task_filter.py. Status, light and "not
reported" are read off the states the plan tree holds; text and unit need a
plan's SearchIndex, read once (the first time a search or a unit asks for it,
or when the search box takes the focus) and kept up to date by what each
change touched, so that a keystroke costs no query.
"""

from __future__ import annotations

from collections.abc import Iterable

from db.operations.touched import Touched
from db.queries.nodes import TaskState
from db.queries.task_filter import Criteria, SearchIndex, matching, refreshed, search_index
from desktop.ledger import Ledger
from desktop.plan_model import PlanTreeModel


class TaskFilter:
    def __init__(self, ledger: Ledger, model: PlanTreeModel) -> None:
        self.ledger = ledger
        self.model = model
        self._indexes: dict[int, SearchIndex] = {}
        # The last answer: its criteria, and per plan the states it was for and the tasks it found.
        self._last: tuple[Criteria, dict[int, tuple[dict[int, TaskState], set[int]]]] | None = None

    def visible(self, criteria: Criteria) -> set[int] | None:
        """The tasks of every plan of the tree that meet `criteria`; None when they are not active."""
        if not criteria.active():
            return None
        if criteria.needs_index():
            self.prepare()
        earlier = self._last[1] if self._last is not None and criteria.narrows(self._last[0]) else {}
        answers: dict[int, tuple[dict[int, TaskState], set[int]]] = {}
        for plan_id in self.model.plan_ids():
            states = self.model.plan_states(plan_id)
            among = earlier[plan_id][1] if plan_id in earlier and earlier[plan_id][0] is states else None
            answers[plan_id] = (states, matching(self._indexes.get(plan_id), criteria, states, among))
        self._last = (criteria, answers)
        return set().union(*(found for _states, found in answers.values()))

    def prepare(self) -> None:
        """Read the search index of every plan that has none yet."""
        missing = [plan_id for plan_id in self.model.plan_ids() if plan_id not in self._indexes]
        if missing:
            with self.ledger.session() as session:
                self._indexes.update((plan_id, search_index(session, plan_id)) for plan_id in missing)

    def refresh(self, touched: Touched) -> None:
        """Follow a change: indexes of plans whose structure changed are read
        again when next asked for, the others have the rows it touched read again."""
        self._last = None
        if touched.everything:
            self._indexes.clear()
            return
        if touched.structure:
            self._forget(touched.plans or list(self._indexes))
        if self._indexes and (touched.tasks or touched.statuses or touched.assignments or touched.registry):
            with self.ledger.session() as session:
                for plan_id, index in self._indexes.items():
                    self._indexes[plan_id] = refreshed(index, session, plan_id, touched)

    def _forget(self, plan_ids: Iterable[int]) -> None:
        for plan_id in plan_ids:
            self._indexes.pop(plan_id, None)
