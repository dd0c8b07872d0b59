"""Typed text is never lost.

The task form, the progress form and the heading form mark what they hold
unsaved (desktop/form_state.py). Whatever leaves them — another task, heading
or plan in the tree, another month, a filter that hides the task or the
heading, closing the window, an import or a restore that reloads the ledger —
goes through `UnsavedGuard.leave` first, which saves (through each form's own
undoable operation) or asks 保存 / 不保存 / 取消, as this PC's setting says.
Cancel keeps the person where they were: the caller puts the tree, the month
or the filter back.

Meanwhile the unsaved text is written to the drafts file (desktop/drafts.py)
a moment after typing stops, so that a crash or a kill keeps it; the next
start offers it back. A read-only window cannot save: leaving keeps the text
as a draft, put back when the form shows that task (and month), or that
heading, again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

from db.errors import DiskFullError
from db.queries.heading_detail import heading_ids
from db.queries.task_detail import task_ids_by_uuid
from desktop.drafts import Draft, DraftKey, DraftStore, database_key
from desktop.form_state import DraftForm
from desktop.labels import month_label
from desktop.ledger import Ledger
from desktop.preferences import SAVE, WHEN_LEAVING, load

DRAFT_PAUSE_MS = 1000  # drafts are written this long after typing stops

Action = Callable[[], object]  # what it returns is not used


def _nothing() -> None:
    pass


class UnsavedGuard(QObject):
    def __init__(self, window: QMainWindow, ledger: Ledger, forms: Sequence[DraftForm], store: DraftStore) -> None:
        super().__init__(window)
        self.window = window
        self.ledger = ledger
        self.forms = tuple(forms)
        self.store = store
        self.drafts: dict[DraftKey, Draft] = {}  # this ledger's drafts, as the file holds them
        self._put_back_drafts = False  # not before the person has answered the offer at the start
        self._asking: QMessageBox | None = None
        self._later: dict[str, tuple[Action, Action, Sequence[DraftForm] | None]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_PAUSE_MS)
        self._timer.timeout.connect(self.flush)
        for form in self.forms:
            form.form_state.edited.connect(self._timer.start)
            form.form_state.abandoning.connect(lambda form=form: self._keep(form))
            form.form_state.opened.connect(lambda form=form: self._put_back(form))
            form.form_state.marker.set_read_only(ledger.database.read_only)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.flush)

    def pending(self, forms: Sequence[DraftForm] | None = None) -> list[DraftForm]:
        """The forms (of `forms`, default all) that hold unsaved edits."""
        return [form for form in (forms or self.forms) if form.form_state.dirty]

    # -- leaving ---------------------------------------------------------------

    def leave(self, proceed: Action, stay: Action = _nothing, forms: Sequence[DraftForm] | None = None) -> None:
        """Before the forms (`forms`, default all) show something else or the
        ledger is reloaded: save their unsaved edits or ask, then `proceed()`;
        `stay()` when the person cancels or a save is refused (its reason shown).
        Synchronous unless a question is asked."""
        self.flush()
        pending = self.pending(forms)
        if not pending:
            proceed()
        elif self.ledger.database.read_only:
            self.window.statusBar().showMessage(self.tr("Kept as a draft: the ledger is open read-only."), 8000)
            proceed()
        elif load(WHEN_LEAVING) == SAVE:
            (proceed if self._save(pending) else stay)()
        else:
            self._ask(pending, proceed, stay)

    def leave_later(self, name: str, proceed: Action, stay: Action, forms: Sequence[DraftForm] | None = None) -> None:
        """`leave` once control is back in the event loop: for callers inside a
        signal of the very widget whose change they guard (the tree's selection,
        the month box, the filters), where a save that reloads the views must not
        run. Requests of one `name` made before then count once, with the last
        callbacks: `proceed` goes where the widget points by then."""
        first = name not in self._later
        self._later[name] = (proceed, stay, forms)
        if first:
            QTimer.singleShot(0, self, lambda: self.leave(*self._later.pop(name)))

    def may_close(self, close: Action) -> bool:
        """Whether the window may close now. When the person is asked, False,
        and `close()` runs once they have chosen to save or not."""
        self.flush()
        pending = self.pending()
        if not pending or self.ledger.database.read_only:
            return True
        if load(WHEN_LEAVING) == SAVE:
            return self._save(pending)
        self._ask(pending, lambda: QTimer.singleShot(0, self.window, close), _nothing)
        return False

    def _save(self, forms: Sequence[DraftForm]) -> bool:
        for form in forms:
            key = self._key(form)
            if not form.save():
                return False
            if key is not None and not form.form_state.dirty:
                self._write(remove=[key])
        return True

    def _discard(self, forms: Sequence[DraftForm]) -> None:
        for form in forms:
            key = self._key(form)
            form.discard()
            if key is not None:
                self._write(remove=[key])

    def _ask(self, forms: Sequence[DraftForm], proceed: Action, stay: Action) -> None:
        if self._asking is not None:  # one question at a time
            stay()
            return
        subject = forms[0].subject()
        assert subject is not None
        if forms[0].KIND == "heading":  # shown alone: the task forms show no task then
            text = self.tr("The heading “%1” has unsaved changes.\n\nSave them?").replace("%1", subject.title)
        else:
            lines = "\n".join("· " + self._what(form.KIND, (form.subject() or subject).month) for form in forms)
            text = (
                self.tr("Task %1 “%2” has unsaved changes:\n%3\n\nSave them?")
                .replace("%1", str(subject.number))
                .replace("%2", subject.title)
                .replace("%3", lines)
            )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"), text, parent=self.window)
        box.setObjectName("unsavedBox")
        save = box.addButton(self.tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Do&n't save"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._asking = box

        def answered(_result: int) -> None:
            self._asking = None
            clicked = box.clickedButton()
            if clicked is save:
                (proceed if self._save(forms) else stay)()
            elif clicked is discard:
                self._discard(forms)
                proceed()
            else:
                stay()

        box.finished.connect(answered)
        box.open()

    def _what(self, kind: str, month: str) -> str:
        if kind == "task":
            return self.tr("the task form")
        return self.tr("the monthly progress of %1").replace("%1", month_label(month))

    def _named(self, draft: Draft) -> str:
        """A draft as the offer at the start lists it."""
        if draft.key.form == "heading":
            return self.tr("Heading “%1”").replace("%1", draft.title)
        return (
            self.tr("Task %1 “%2”: %3")
            .replace("%1", str(draft.number))
            .replace("%2", draft.title)
            .replace("%3", self._what(draft.key.form, draft.key.month))
        )

    # -- the drafts file -------------------------------------------------------

    def _key(self, form: DraftForm) -> DraftKey | None:
        subject = form.subject()
        if subject is None:
            return None
        database = database_key(self.ledger.database.path)
        return DraftKey(database, subject.task_uuid, form.KIND, subject.month, subject.plan_uuid, subject.heading)

    def _draft(self, form: DraftForm) -> Draft | None:
        key, subject = self._key(form), form.subject()
        if key is None or subject is None:
            return None
        return Draft(
            key, form.draft_fields(), subject.number, subject.title, datetime.now().isoformat(timespec="seconds")
        )

    def flush(self) -> None:
        """Write the forms' unsaved edits to the drafts file, and drop the
        drafts of forms that no longer hold any."""
        self._timer.stop()
        put, remove = [], []
        for form in self.forms:
            key = self._key(form)
            if key is None:
                continue
            if form.form_state.dirty:
                draft = self._draft(form)
                known = self.drafts.get(key)
                if draft is not None and (known is None or known.fields != draft.fields):
                    put.append(draft)
            elif key in self.drafts:
                remove.append(key)
        self._write(put, remove)

    def _keep(self, form: DraftForm) -> None:
        """The form is about to show another task or month while it holds
        unsaved edits (a read-only window, or a way of leaving that neither
        saved nor asked): they stay as a draft."""
        self._timer.stop()
        draft = self._draft(form)
        if draft is not None:
            self._write(put=[draft])

    def _put_back(self, form: DraftForm) -> None:
        """The form shows another task or month: its draft, if any, goes back in, unsaved."""
        key = self._key(form)
        draft = self.drafts.get(key) if key is not None and self._put_back_drafts else None
        if draft is not None and not form.form_state.dirty:
            form.apply_draft(draft.fields)

    def _write(self, put: Sequence[Draft] = (), remove: Sequence[DraftKey] = ()) -> None:
        if not put and not remove:
            return
        try:
            self.store.update(put, remove)
        except (OSError, DiskFullError) as exc:
            text = self.tr("The drafts file %1 could not be written: %2").replace("%1", str(self.store.path))
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.window.statusBar().showMessage(text.replace("%2", reason), 10000)
            return
        for key in remove:
            self.drafts.pop(key, None)
        for draft in put:
            self.drafts[draft.key] = draft

    # -- the next start, another ledger ------------------------------------------

    def ledger_switched(self, open_draft: Callable[[tuple[str, int], str], None]) -> None:
        """The window now works on another ledger file (its forms show nothing
        yet): whether it can save, and the drafts left for it offered, as at a start."""
        for form in self.forms:
            form.form_state.marker.set_read_only(self.ledger.database.read_only)
        self._put_back_drafts = False
        self.offer_drafts(open_draft)

    def offer_drafts(self, open_draft: Callable[[tuple[str, int], str], None]) -> None:
        """At the start: drafts left for this ledger (a crash, a kill, a
        read-only window) are offered back. Restored, the first opens
        (`open_draft(("task" or "section", id), month)`) and each goes back
        into its form, unsaved, when the form shows its task or heading;
        discarded, they are removed."""
        try:
            drafts = self.store.for_database(database_key(self.ledger.database.path))
        except OSError as exc:
            self.window.statusBar().showMessage(str(exc), 10000)
            drafts = []
        with self.ledger.session() as session:
            task_ids = task_ids_by_uuid(session, {draft.key.task for draft in drafts if draft.key.task})
            sections = heading_ids(
                session, [(d.key.plan, d.key.heading, d.title) for d in drafts if d.key.form == "heading"]
            )
        shown = {
            draft.key: ("section", sections[draft.key.plan, draft.key.heading])
            if draft.key.form == "heading"
            else ("task", task_ids[draft.key.task])
            for draft in drafts
            if (draft.key.plan, draft.key.heading) in sections or draft.key.task in task_ids
        }
        self._write(remove=[draft.key for draft in drafts if draft.key not in shown])  # tasks or headings deleted since
        self.drafts = {draft.key: draft for draft in drafts if draft.key in shown}
        if not self.drafts:
            self._put_back_drafts = True
            return
        lines = "\n".join("· " + self._named(draft) for draft in self.drafts.values())
        text = self.tr(
            "Text typed last time was not saved:\n%1\n\nPut it back into the forms? It stays unsaved until you save it."
        )
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Unsaved text"), text.replace("%1", lines), parent=self.window
        )
        box.setObjectName("draftsBox")
        restore = box.addButton(self.tr("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            self._put_back_drafts = True
            if box.clickedButton() is discard:
                self._write(remove=list(self.drafts))
                return
            first = max(self.drafts.values(), key=lambda draft: (draft.key.form == "progress", draft.saved_at))
            open_draft(shown[first.key], first.key.month)
            for form in self.forms:
                self._put_back(form)

        box.finished.connect(answered)
        box.open()
