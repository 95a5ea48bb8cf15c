package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.jso.DomExtras;
import dev.vellum.client.jso.NoteRows;
import dev.vellum.client.workspace.NoteEntry;
import dev.vellum.client.workspace.OldHistory;
import dev.vellum.client.workspace.OpenedWorkspace;
import dev.vellum.client.workspace.WorkspaceProblem;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.protocol.id.WorkspaceId;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * A workspace's page: its name, its notes (each a link named by its title, with rename and delete for writers),
 * "New note", and the Members panel. Everything shown comes from the workspace as this browser verified it; after
 * any change the workspace is opened (and verified) again.
 */
final class WorkspaceView {
    /** How often an owner's open page looks for people asking to join by link (and lets in those it should). */
    private static final int JOIN_REQUEST_POLL_MILLIS = 4_000;

    private final Page page;
    private final WorkspaceScreens screens;
    private final WorkspaceSession session;
    private final MembersPanel members;
    private OpenedWorkspace workspace;
    private boolean wired;
    private boolean polling;
    /** The person's date format, made once: {@code toLocaleString} made one per call, 500 per opening. */
    private JSObject dateFormat;

    WorkspaceView(Page page, WorkspaceScreens screens, WorkspaceSession session) {
        this.page = page;
        this.screens = screens;
        this.session = session;
        this.members = new MembersPanel(page, screens, session, this::showWorkspace, this::notice);
    }

    void show(WorkspaceId id) {
        // Nothing to act on until the workspace is open and verified: its buttons appear with it.
        page.element("workspace-new-note").setHidden(true);
        page.element("workspace-members").setHidden(true);
        page.element("workspace-rename").setHidden(true);
        page.show("workspace-view");
        wire();
        busy("Opening the workspace and checking its members…");
        session.open(id, this::showWorkspace, problem -> {
            busy(null);
            page.element("workspace-new-note").setHidden(true);
            page.element("workspace-members").setHidden(true);
            if (problem.apiError() != null && problem.apiError().status() == 403) {
                problem = WorkspaceProblem.of(WorkspaceProblem.Kind.NOT_ALLOWED, "You are not a member of this "
                        + "workspace (any more). Ask one of its owners to invite you.");
            }
            screens.show(problem, page.element("workspace-error"));
        });
    }

    private void showWorkspace(OpenedWorkspace opened) {
        this.workspace = opened;
        busy(null);
        page.element("workspace-error").setHidden(true);
        page.element("workspace-name").setInnerText(opened.name());
        HTMLDocument.current().setTitle(opened.name() + " — Vellum");
        page.element("workspace-role").setInnerText(opened.pending() ? "invited"
                : opened.myRole().displayName());
        page.element("workspace-new-note").setHidden(!opened.canWrite());
        page.element("workspace-rename").setHidden(!opened.canManage());
        page.element("workspace-members").setHidden(false);
        page.element("workspace-read-only").setHidden(opened.canWrite() || opened.pending());
        dev.vellum.client.jso.BrowserPage.mark("render-start");
        renderNotes(opened);
        dev.vellum.client.jso.BrowserPage.mark("render-notes");
        // Only after a rotation is there older history, and only owners may have it forgotten.
        page.element("forget-history").setHidden(!opened.canManage() || opened.currentEpoch() == 0);
        members.render(opened);
        dev.vellum.client.jso.BrowserPage.mark("render-members");
        for (WorkspaceProblem warning : opened.warnings()) {
            screens.show(warning, page.element("workspace-error"));
        }
        if (opened.canManage() && !polling) {
            polling = true;
            members.refreshJoinRequests(() -> workspace);
            Window.setInterval(() -> members.refreshJoinRequests(() -> workspace), JOIN_REQUEST_POLL_MILLIS);
        }
    }

    /** The list in one write (see {@link NoteRows}); its buttons act through one listener ({@link #wireNoteList}). */
    private void renderNotes(OpenedWorkspace opened) {
        if (dateFormat == null) {
            dateFormat = NoteRows.dateFormat();
        }
        JSObject rows = NoteRows.fragment();
        for (NoteEntry note : opened.notes()) {
            NoteRows.append(rows, dateFormat, note.noteId().toString(), WorkspacePath.of(opened.id(), note.noteId()),
                    note.label(), note.titleVerified(), note.updatedAt(), opened.canWrite());
        }
        NoteRows.replaceRows(page.element("note-list"), rows);
        page.element("note-list-empty").setHidden(!opened.notes().isEmpty());
    }

    /** "Rename" and "Delete" of every row, for the note the row carries, in the workspace as shown now. */
    private void wireNoteList() {
        page.element("note-list").addEventListener("click", event -> {
            String action = NoteRows.clickedAction(event);
            HTMLElement item = action == null ? null : NoteRows.clickedRow(event);
            NoteEntry note = item == null ? null : shownNote(NoteRows.clickedNote(item));
            if (note == null || !workspace.canWrite()) {
                return;
            }
            if (action.equals("rename")) {
                startRename(item, workspace, note);
            } else if (action.equals("delete")) {
                confirmDelete(item, workspace, note);
            }
        });
    }

    private NoteEntry shownNote(String noteId) {
        for (NoteEntry note : workspace.notes()) {
            if (note.noteId().toString().equals(noteId)) {
                return note;
            }
        }
        return null;
    }

    /** Turns the note's row into a small form with the field "Title". */
    private void startRename(HTMLElement item, OpenedWorkspace opened, NoteEntry note) {
        HTMLDocument document = HTMLDocument.current();
        DomExtras.clear(item);
        HTMLElement form = document.createElement("form");
        form.setClassName("inline-form");
        form.setAttribute("novalidate", "");
        HTMLInputElement title = (HTMLInputElement) document.createElement("input");
        title.setAttribute("type", "text");
        title.setAttribute("aria-label", "Title");
        title.setAttribute("maxlength", "200");
        title.setValue(note.title());
        HTMLElement save = button("Save", "Save title");
        save.setAttribute("type", "submit");
        HTMLElement cancel = button("Cancel", "Cancel renaming");
        cancel.addEventListener("click", event -> renderNotes(workspace));
        form.appendChild(title);
        form.appendChild(save);
        form.appendChild(cancel);
        item.appendChild(form);
        title.focus();
        form.addEventListener("submit", event -> {
            event.preventDefault();
            save.setAttribute("disabled", "");
            session.actions().renameNote(opened, note.noteId(), title.getValue().trim(), this::reopen,
                    problem -> {
                        save.removeAttribute("disabled");
                        screens.show(problem, page.element("workspace-error"));
                    });
        });
    }

    /** Deleting is for everyone and cannot be undone: the row asks once more, in words. */
    private void confirmDelete(HTMLElement item, OpenedWorkspace opened, NoteEntry note) {
        DomExtras.clear(item);
        HTMLElement text = HTMLDocument.current().createElement("span");
        text.setClassName("item-text");
        text.setInnerText("Delete “" + note.label() + "” for every member? This cannot be undone.");
        HTMLElement delete = button("Delete note", "Delete note " + note.label());
        delete.setClassName("danger");
        HTMLElement cancel = button("Cancel", "Keep " + note.label());
        cancel.addEventListener("click", event -> renderNotes(workspace));
        delete.addEventListener("click", event -> {
            delete.setAttribute("disabled", "");
            session.actions().deleteNote(opened, note.noteId(), () -> {
                notice("“" + note.label() + "” was deleted.");
                reopen();
            },
                    problem -> screens.show(problem, page.element("workspace-error")));
        });
        item.appendChild(text);
        item.appendChild(delete);
        item.appendChild(cancel);
        delete.focus();
    }

    private void reopen() {
        session.open(workspace.id(), this::showWorkspace,
                problem -> screens.show(problem, page.element("workspace-error")));
    }

    private void wire() {
        if (wired) {
            return;
        }
        wired = true;
        HTMLElement newNote = page.element("workspace-new-note");
        newNote.addEventListener("click", event -> {
            newNote.setAttribute("disabled", "");
            busy("Making the note…");
            session.actions().createNote(workspace, "", note -> BrowserPage.go(WorkspacePath.of(workspace.id(), note)),
                    problem -> {
                        busy(null);
                        newNote.removeAttribute("disabled");
                        screens.show(problem, page.element("workspace-error"));
                    });
        });
        members.wire();
        wireNoteList();
        wireRename();
        wireForgetHistory();
    }

    /**
     * "Forget old history" (owners): asks once more, in words, then has the history of older key epochs forgotten
     * and says what was done and which notes still wait for someone who can write to open them.
     */
    private void wireForgetHistory() {
        HTMLElement start = page.element("forget-history-start");
        HTMLElement confirm = page.element("forget-history-confirm");
        HTMLElement yes = page.element("forget-history-yes");
        start.addEventListener("click", event -> {
            confirm.setHidden(false);
            start.setAttribute("aria-expanded", "true");
            yes.focus();
        });
        page.element("forget-history-cancel").addEventListener("click", event -> {
            confirm.setHidden(true);
            start.setAttribute("aria-expanded", "false");
            start.focus();
        });
        yes.addEventListener("click", event -> {
            yes.setAttribute("disabled", "");
            busy("Forgetting old history…");
            session.actions().forgetOldHistory(workspace, forgotten -> {
                busy(null);
                yes.removeAttribute("disabled");
                confirm.setHidden(true);
                start.setAttribute("aria-expanded", "false");
                showForgotten(forgotten);
                reopen();
            }, problem -> {
                busy(null);
                yes.removeAttribute("disabled");
                screens.show(problem, page.element("workspace-error"));
            });
        });
    }

    private void showForgotten(OldHistory.Forgotten forgotten) {
        StringBuilder text = new StringBuilder();
        text.append(forgotten.compactedNotes() == 1 ? "1 note holds" : forgotten.compactedNotes() + " notes hold")
                .append(" only history under the current key.");
        if (!forgotten.waiting().isEmpty()) {
            text.append(' ').append(forgotten.waiting().size() == 1 ? "1 note still waits"
                    : forgotten.waiting().size() + " notes still wait").append(" for someone who can edit to open ")
                    .append(forgotten.waiting().size() == 1 ? "it" : "each of them")
                    .append(" (which saves it again under the current key); then forget old history again:");
        }
        if (forgotten.nameWaiting()) {
            text.append(" The workspace's name could not be saved again under the current key: rename it, then try "
                    + "again.");
        }
        text.append(forgotten.oldKeysDeleted() ? " The old keys are deleted from the server and from this page."
                : " The old keys stay until nothing older is left.");
        HTMLElement result = page.element("forget-history-result");
        result.setInnerText(text.toString());
        result.setHidden(false);
        HTMLElement list = page.element("forget-history-waiting");
        DomExtras.clear(list);
        for (NoteEntry note : forgotten.waiting()) {
            HTMLElement item = HTMLDocument.current().createElement("li");
            HTMLElement link = HTMLDocument.current().createElement("a");
            link.setAttribute("href", WorkspacePath.of(workspace.id(), note.noteId()));
            link.setInnerText(note.label());
            item.appendChild(link);
            list.appendChild(item);
        }
        list.setHidden(forgotten.waiting().isEmpty());
    }

    /** Owners rename the workspace: the name is sealed again under the current epoch key. */
    private void wireRename() {
        HTMLElement toggle = page.element("workspace-rename");
        HTMLElement form = page.element("workspace-rename-form");
        HTMLInputElement name = page.element("workspace-rename-name");
        toggle.addEventListener("click", event -> {
            boolean open = form.isHidden();
            form.setHidden(!open);
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            if (open) {
                name.setValue(workspace.name());
                name.focus();
            }
        });
        form.addEventListener("submit", event -> {
            event.preventDefault();
            HTMLElement save = page.element("workspace-rename-save");
            save.setAttribute("disabled", "");
            session.actions().renameWorkspace(workspace, name.getValue().trim(), renamed -> {
                save.removeAttribute("disabled");
                form.setHidden(true);
                toggle.setAttribute("aria-expanded", "false");
                notice("The workspace is now called “" + renamed.name() + "”.");
                showWorkspace(renamed);
            }, problem -> {
                save.removeAttribute("disabled");
                screens.show(problem, page.element("workspace-error"));
            });
        });
    }

    private void busy(String message) {
        HTMLElement busy = page.element("workspace-busy");
        busy.setHidden(message == null);
        if (message != null) {
            busy.setInnerText(message);
        }
    }

    private void notice(String message) {
        HTMLElement notice = page.element("workspace-notice");
        notice.setInnerText(message);
        notice.setHidden(false);
    }

    static HTMLElement button(String text, String accessibleName) {
        HTMLElement button = HTMLDocument.current().createElement("button");
        button.setAttribute("type", "button");
        button.setInnerText(text);
        if (!accessibleName.equals(text)) {
            button.setAttribute("aria-label", accessibleName);
        }
        return button;
    }

    static HTMLElement badge(String text, String className) {
        HTMLElement badge = HTMLDocument.current().createElement("span");
        badge.setClassName(className);
        badge.setInnerText(text);
        return badge;
    }
}
