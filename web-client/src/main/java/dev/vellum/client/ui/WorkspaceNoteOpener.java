package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.keys.MissingNoteKeyException;
import dev.vellum.client.workspace.OpenedWorkspace;
import dev.vellum.client.workspace.WorkspaceNote;
import dev.vellum.client.workspace.WorkspaceProblem;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.crypto.random.RandomSource;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * Opens a workspace's note in the editor: the workspace first (its log verified, its keys checked), then the note
 * with its title in the field "Title" above the text (editable by writers, saved when they press Enter or leave the
 * field), and a link back to the workspace.
 */
final class WorkspaceNoteOpener {
    private final Page page;
    private final WorkspaceScreens screens;
    private final WorkspaceSession session;
    private final RandomSource random;
    private final AccountSession.State state;
    private OpenedWorkspace workspace;
    private String savedTitle;
    /** The title being saved now, or null. */
    private String savingTitle;

    WorkspaceNoteOpener(Page page, WorkspaceScreens screens, WorkspaceSession session, RandomSource random,
                        AccountSession.State state) {
        this.page = page;
        this.screens = screens;
        this.session = session;
        this.random = random;
        this.state = state;
    }

    void open(WorkspacePath target) {
        open(target, null);
    }

    /** @param carriedText a link note's text moved into this new note, put in once it has loaded; or null */
    void open(WorkspacePath target, String carriedText) {
        session.open(target.workspace(), opened -> {
            workspace = opened;
            WorkspaceNote note;
            try {
                note = opened.note(target.note());
            } catch (MissingNoteKeyException e) {
                page.showLinkError("This note cannot be opened: " + e.getMessage() + ".");
                return;
            }
            showTitle(opened, note);
            EditorView editor = new EditorView(page, note, random, state);
            if (carriedText != null) {
                editor.carrying(carriedText);
            }
            editor.open();
            for (WorkspaceProblem warning : opened.warnings()) {
                screens.show(warning, page.element("alert"));
            }
        }, problem -> {
            if (problem.apiError() != null && problem.apiError().status() == 403) {
                page.showLinkError("You are not a member of this workspace (any more), so its notes cannot be "
                        + "opened. Ask one of its owners to invite you.");
                return;
            }
            page.showLinkError(problem.message());
            screens.show(problem, page.element("link-error-message"));
        });
    }

    private void showTitle(OpenedWorkspace opened, WorkspaceNote note) {
        page.element("note-title-row").setHidden(false);
        HTMLElement back = page.element("note-workspace-link");
        back.setAttribute("href", WorkspacePath.of(opened.id()));
        back.setInnerText("← " + opened.name());
        HTMLInputElement title = page.element("note-title");
        savedTitle = note.title();
        title.setValue(savedTitle);
        HTMLDocument.current().setTitle((savedTitle.isEmpty() ? "Untitled" : savedTitle) + " — Vellum");
        if (!opened.canWrite()) {
            title.setReadOnly(true);
            return;
        }
        title.addEventListener("keydown", event -> {
            if ("Enter".equals(((org.teavm.jso.dom.events.KeyboardEvent) event).getKey())) {
                event.preventDefault();
                save(note, title);
            }
        });
        title.addEventListener("change", event -> save(note, title));
    }

    private void save(WorkspaceNote note, HTMLInputElement title) {
        String typed = title.getValue().trim();
        // Enter and the change event it may also fire ask once: a second request would race the first.
        if (typed.equals(savedTitle) || typed.equals(savingTitle)) {
            return;
        }
        savingTitle = typed;
        HTMLElement status = page.element("note-title-status");
        status.setInnerText("Saving the title…");
        session.actions().renameNote(workspace, note.noteId(), typed, () -> {
            savingTitle = null;
            savedTitle = typed;
            status.setInnerText("Title saved");
            HTMLDocument.current().setTitle((typed.isEmpty() ? "Untitled" : typed) + " — Vellum");
        }, problem -> {
            savingTitle = null;
            status.setInnerText("");
            screens.show(problem, page.element("alert"));
        });
    }
}
