package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.jso.DomExtras;
import dev.vellum.client.workspace.OpenedWorkspace;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.protocol.workspace.Role;
import java.util.function.Consumer;
import java.util.function.Function;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * The "Invite" dialog (owners): invite a person by username ("Username", "Role", "Send invitation"), which shows
 * their safety number once their keys are fetched and checked; or make an invite link ("Create invite link") with its
 * expiry, its role, and whether joiners are let in at once, shown in the read-only field "Invite link".
 */
final class InviteDialog {
    private final Page page;
    private final WorkspaceScreens screens;
    private final WorkspaceSession session;
    private final Function<PublicIdentity, SafetyNumber> numbers;
    private final Consumer<OpenedWorkspace> changed;
    private OpenedWorkspace workspace;

    InviteDialog(Page page, WorkspaceScreens screens, WorkspaceSession session,
                 Function<PublicIdentity, SafetyNumber> numbers, Consumer<OpenedWorkspace> changed) {
        this.page = page;
        this.screens = screens;
        this.session = session;
        this.numbers = numbers;
        this.changed = changed;
    }

    void workspaceChanged(OpenedWorkspace opened) {
        this.workspace = opened;
    }

    void open(OpenedWorkspace opened) {
        this.workspace = opened;
        page.element("invite-error").setHidden(true);
        page.element("invite-sent").setHidden(true);
        page.element("link-error").setHidden(true);
        page.element("link-made").setHidden(true);
        ((HTMLInputElement) page.element("link-value")).setValue("");
        DomExtras.showModal(page.element("invite-dialog"));
        page.element("invite-username").focus();
    }

    void wire() {
        page.element("invite-close").addEventListener("click",
                event -> DomExtras.close(page.element("invite-dialog")));
        page.element("invite-form").addEventListener("submit", event -> {
            event.preventDefault();
            invite();
        });
        page.element("link-form").addEventListener("submit", event -> {
            event.preventDefault();
            createLink();
        });
        page.element("link-copy").addEventListener("click", event -> {
            HTMLInputElement value = page.element("link-value");
            BrowserPage.copyText(value.getValue(), () -> page.element("link-copy").setInnerText("Copied"),
                    () -> value.select());
        });
    }

    private void invite() {
        HTMLInputElement username = page.element("invite-username");
        HTMLElement error = page.element("invite-error");
        HTMLElement busy = page.element("invite-busy");
        HTMLElement sent = page.element("invite-sent");
        HTMLElement send = page.element("invite-send");
        String typed = username.getValue().trim();
        error.setHidden(true);
        sent.setHidden(true);
        if (typed.isEmpty()) {
            error.setInnerText("Type the username of the person to invite.");
            error.setHidden(false);
            username.focus();
            return;
        }
        Role role = MembersPanel.roleNamed(((HTMLSelectElement) page.element("invite-role")).getValue());
        send.setAttribute("disabled", "");
        busy.setInnerText("Fetching " + typed + "'s keys and sealing the workspace's key to them…");
        busy.setHidden(false);
        Runnable idle = () -> {
            send.removeAttribute("disabled");
            busy.setHidden(true);
        };
        session.actions().lookUp(typed, invitee -> session.actions().invite(workspace, invitee, role, updated -> {
            idle.run();
            username.setValue("");
            DomExtras.clear(sent);
            HTMLElement text = HTMLDocument.current().createElement("p");
            String name = invitee.username().value();
            text.setInnerText("Invitation sent to " + name + " as " + HomeWorkspaces.article(role.displayName())
                    + ". Your safety number with " + name + " is below: compare it with theirs, in person or on "
                    + "a call, to be sure you invited the real " + name + ".");
            HTMLElement safety = HTMLDocument.current().createElement("div");
            safety.setClassName("safety");
            SafetyNumberView.render(safety, numbers.apply(invitee.identity()), name);
            sent.appendChild(text);
            sent.appendChild(safety);
            sent.setHidden(false);
            changed.accept(updated);
        }, problem -> {
            idle.run();
            screens.show(problem, error);
        }), problem -> {
            idle.run();
            if (problem.apiError() != null && problem.apiError().status() == 404) {
                error.setInnerText("Nobody has the username " + typed + ". Check the spelling.");
                error.setHidden(false);
                return;
            }
            screens.show(problem, error);
        });
    }

    private void createLink() {
        HTMLElement error = page.element("link-error");
        HTMLElement busy = page.element("link-busy");
        HTMLElement create = page.element("link-create");
        error.setHidden(true);
        Role role = MembersPanel.roleNamed(((HTMLSelectElement) page.element("link-role")).getValue());
        long validFor = Long.parseLong(((HTMLSelectElement) page.element("link-expiry")).getValue()) * 1000L;
        boolean auto = ((HTMLInputElement) page.element("link-confirm-auto")).isChecked();
        create.setAttribute("disabled", "");
        busy.setInnerText("Making the invite link…");
        busy.setHidden(false);
        Location location = Window.current().getLocation();
        String origin = location.getProtocol() + "//" + location.getHost();
        session.actions().createInviteLink(workspace, role, validFor, auto, origin, link -> {
            create.removeAttribute("disabled");
            busy.setHidden(true);
            HTMLInputElement value = page.element("link-value");
            value.setValue(link);
            page.element("link-copy").setInnerText("Copy");
            page.element("link-made").setHidden(false);
            value.select();
            session.open(workspace.id(), changed, problem -> screens.show(problem, error));
        }, problem -> {
            create.removeAttribute("disabled");
            busy.setHidden(true);
            screens.show(problem, error);
        });
    }
}
