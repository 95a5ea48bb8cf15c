package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.jso.DomExtras;
import dev.vellum.client.workspace.OpenedWorkspace;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.client.workspace.WorkspaceSummary;
import java.util.List;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The start page's part for a logged-in person: their workspaces (each a link named by its name), the invitations
 * waiting for them ("Accept", "Decline"), and "New workspace".
 */
final class HomeWorkspaces {
    private final Page page;
    private final WorkspaceScreens screens;
    private WorkspaceSession session;
    private boolean wired;

    HomeWorkspaces(Page page, WorkspaceScreens screens) {
        this.page = page;
        this.screens = screens;
    }

    void show(WorkspaceSession session) {
        this.session = session;
        page.element("home-workspaces").setHidden(false);
        page.element("home-facts").setHidden(true);
        page.element("home-link-note-hint").setHidden(false);
        if (!wired) {
            wired = true;
            wireNewWorkspace();
        }
        load();
    }

    private void load() {
        HTMLElement busy = page.element("workspaces-busy");
        busy.setInnerText("Opening your workspaces…");
        busy.setHidden(false);
        session.workspaces(this::render, problem -> {
            busy.setHidden(true);
            screens.show(problem, page.element("workspaces-error"));
        });
    }

    private void render(List<WorkspaceSummary> workspaces) {
        page.element("workspaces-busy").setHidden(true);
        HTMLElement list = page.element("workspace-list");
        HTMLElement invitations = page.element("invitation-list");
        DomExtras.clear(list);
        DomExtras.clear(invitations);
        boolean anyInvitation = false;
        for (WorkspaceSummary workspace : workspaces) {
            if (workspace.pending()) {
                invitations.appendChild(invitation(workspace));
                anyInvitation = true;
            } else {
                list.appendChild(entry(workspace));
            }
        }
        page.element("invitations").setHidden(!anyInvitation);
    }

    private HTMLElement entry(WorkspaceSummary workspace) {
        HTMLDocument document = HTMLDocument.current();
        HTMLElement item = document.createElement("li");
        if (workspace.problem() != null) {
            HTMLElement text = document.createElement("span");
            text.setClassName("item-text");
            text.setInnerText("A workspace that failed its checks: " + workspace.problem().message());
            item.appendChild(text);
            HTMLElement details = document.createElement("button");
            details.setAttribute("type", "button");
            details.setInnerText("What happened?");
            details.addEventListener("click", event -> screens.show(workspace.problem(),
                    page.element("workspaces-error")));
            item.appendChild(details);
            return item;
        }
        HTMLElement link = document.createElement("a");
        link.setAttribute("href", WorkspacePath.of(workspace.workspaceId()));
        link.setInnerText(workspace.name());
        item.appendChild(link);
        item.appendChild(meta("you are " + article(workspace.role().displayName())));
        return item;
    }

    private HTMLElement invitation(WorkspaceSummary workspace) {
        HTMLDocument document = HTMLDocument.current();
        HTMLElement item = document.createElement("li");
        HTMLElement text = document.createElement("span");
        text.setClassName("item-text");
        if (workspace.problem() != null) {
            text.setInnerText("An invitation that failed its checks: " + workspace.problem().message());
            item.appendChild(text);
            return item;
        }
        text.setInnerText("You are invited to “" + workspace.name() + "” as "
                + article(workspace.role().displayName()) + ".");
        item.appendChild(text);
        HTMLElement accept = document.createElement("button");
        accept.setAttribute("type", "button");
        accept.setClassName("primary small");
        accept.setInnerText("Accept");
        HTMLElement decline = document.createElement("button");
        decline.setAttribute("type", "button");
        decline.setInnerText("Decline");
        accept.addEventListener("click", event -> answer(workspace, true, accept, decline));
        decline.addEventListener("click", event -> answer(workspace, false, accept, decline));
        item.appendChild(accept);
        item.appendChild(decline);
        return item;
    }

    /** Accepting or declining signs an entry of the workspace's log: it is opened (and verified) first. */
    private void answer(WorkspaceSummary workspace, boolean accept, HTMLElement acceptButton,
                        HTMLElement declineButton) {
        acceptButton.setAttribute("disabled", "");
        declineButton.setAttribute("disabled", "");
        HTMLElement error = page.element("workspaces-error");
        error.setHidden(true);
        Runnable again = () -> {
            acceptButton.removeAttribute("disabled");
            declineButton.removeAttribute("disabled");
        };
        session.open(workspace.workspaceId(), opened -> {
            if (accept) {
                session.actions().accept(opened, (OpenedWorkspace member) -> load(), problem -> {
                    again.run();
                    screens.show(problem, error);
                });
            } else {
                session.actions().decline(opened, this::load, problem -> {
                    again.run();
                    screens.show(problem, error);
                });
            }
        }, problem -> {
            again.run();
            screens.show(problem, error);
        });
    }

    private void wireNewWorkspace() {
        HTMLElement toggle = page.element("new-workspace");
        HTMLElement form = page.element("new-workspace-form");
        HTMLInputElement name = page.element("new-workspace-name");
        HTMLElement error = page.element("new-workspace-error");
        toggle.addEventListener("click", event -> {
            boolean open = form.isHidden();
            form.setHidden(!open);
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            if (open) {
                name.focus();
            }
        });
        form.addEventListener("submit", event -> {
            event.preventDefault();
            String typed = name.getValue().trim();
            if (typed.isEmpty()) {
                error.setInnerText("Give the workspace a name. Only its members can read it.");
                error.setHidden(false);
                name.focus();
                return;
            }
            error.setHidden(true);
            HTMLElement create = page.element("new-workspace-create");
            create.setAttribute("disabled", "");
            session.actions().createWorkspace(typed, id -> BrowserPage.go(WorkspacePath.of(id)), problem -> {
                create.removeAttribute("disabled");
                screens.show(problem, error);
            });
        });
    }

    private static HTMLElement meta(String text) {
        HTMLElement meta = HTMLDocument.current().createElement("span");
        meta.setClassName("meta");
        meta.setInnerText(text);
        return meta;
    }

    /** "an editor", "a viewer", "an owner". */
    static String article(String role) {
        return ("aeiou".indexOf(role.charAt(0)) >= 0 ? "an " : "a ") + role;
    }
}
