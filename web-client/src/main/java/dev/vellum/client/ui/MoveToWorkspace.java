package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.jso.DomExtras;
import dev.vellum.client.workspace.WorkspaceProblem;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.client.workspace.WorkspaceSummary;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * "Move to workspace" in the editor of a note shared by link, for a logged-in person: lists the workspaces they may
 * write in, makes a note there titled by the text's first line, and hands the text on to open it in this page. The
 * text stays in memory only (never in this tab's storage), and the link note itself is not changed.
 */
final class MoveToWorkspace {
    /** A title longer than this is cut: the sealed title has a byte limit, and a first line can be a paragraph. */
    private static final int MAX_TITLE_CHARS = 60;

    /** Opens the new workspace note at {@code path} in this page and puts {@code text} into it. */
    interface Opener {
        void open(String path, String text);
    }

    private final Page page;
    private final WorkspaceScreens screens;
    private final AccountSession.State state;
    private final Opener opener;
    private final List<WorkspaceId> writable = new ArrayList<>();
    private WorkspaceSession session;
    private boolean moving;

    MoveToWorkspace(Page page, WorkspaceScreens screens, AccountSession.State state, Opener opener) {
        this.page = page;
        this.screens = screens;
        this.state = state;
        this.opener = opener;
    }

    /** Shows the control (for a logged-in person only); {@code text} is the link note's text as it is when moved. */
    void offer(Supplier<String> text) {
        if (!state.signedIn()) {
            return;
        }
        page.element("move-controls").setHidden(false);
        HTMLElement toggle = page.element("move-toggle");
        HTMLElement form = page.element("move-form");
        toggle.addEventListener("click", event -> {
            boolean open = form.isHidden();
            form.setHidden(!open);
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            if (open) {
                load();
            }
        });
        page.element("move-submit").addEventListener("click", event -> move(text.get()));
    }

    /** The workspaces are listed only when asked for: opening the session costs requests a reader may not need. */
    private void load() {
        HTMLSelectElement select = page.element("move-workspace");
        HTMLElement submit = page.element("move-submit");
        submit.setAttribute("disabled", "");
        screens.withSession(state, started -> {
            session = started;
            started.workspaces(workspaces -> {
                DomExtras.clear(select);
                writable.clear();
                for (WorkspaceSummary workspace : workspaces) {
                    if (!workspace.pending() && workspace.problem() == null && workspace.role().canWrite()) {
                        HTMLElement option = HTMLDocument.current().createElement("option");
                        option.setAttribute("value", Integer.toString(writable.size()));
                        option.setInnerText(workspace.name());
                        select.appendChild(option);
                        writable.add(workspace.workspaceId());
                    }
                }
                if (writable.isEmpty()) {
                    error("You cannot write in any workspace: make one on the start page first.");
                } else {
                    submit.removeAttribute("disabled");
                }
            }, this::failed);
        });
    }

    private void move(String text) {
        HTMLSelectElement select = page.element("move-workspace");
        if (moving || session == null || select.getSelectedIndex() < 0) {
            return;
        }
        moving = true;
        HTMLElement submit = page.element("move-submit");
        submit.setAttribute("disabled", "");
        page.element("move-error").setHidden(true);
        WorkspaceId target = writable.get(select.getSelectedIndex());
        session.open(target, opened -> {
            if (!opened.canWrite()) {
                moving = false;
                error("You can only read in this workspace, so nothing can be moved into it.");
                return;
            }
            session.actions().createNote(opened, titleOf(text),
                    note -> opener.open(WorkspacePath.of(opened.id(), note), text), this::failed);
        }, this::failed);
    }

    private void failed(WorkspaceProblem problem) {
        moving = false;
        page.element("move-submit").removeAttribute("disabled");
        screens.show(problem, page.element("move-error"));
    }

    private void error(String message) {
        HTMLElement place = page.element("move-error");
        place.setInnerText(message);
        place.setHidden(false);
    }

    /** The text's first line, trimmed and cut to a title's length, or "Moved note" for a text without one. */
    static String titleOf(String text) {
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).trim();
        if (first.length() > MAX_TITLE_CHARS) {
            int cut = MAX_TITLE_CHARS;
            if (Character.isHighSurrogate(first.charAt(cut - 1))) {
                cut--; // never split a character in two
            }
            first = first.substring(0, cut).trim();
        }
        return first.isEmpty() ? "Moved note" : first;
    }
}
