package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.jso.DomExtras;
import dev.vellum.client.workspace.JoinRequestView;
import dev.vellum.client.workspace.LinkInvitationView;
import dev.vellum.client.workspace.MemberView;
import dev.vellum.client.workspace.OpenedWorkspace;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.workspace.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * The Members panel of a workspace: each member with their username, role and safety number (digits and QR), "Mark
 * as verified", and for owners "Remove" and a "Role" choice; the people invited who have not answered; those asking
 * to join by link, with their safety number, to confirm or refuse; the open invite links; and "Invite".
 */
final class MembersPanel {
    private final Page page;
    private final WorkspaceScreens screens;
    private final WorkspaceSession session;
    private final Consumer<OpenedWorkspace> changed;
    private final Consumer<String> notice;
    private final InviteDialog invite;
    /** Safety numbers cost thousands of hashes each: computed once per identity for the page's life. */
    private final Map<String, SafetyNumber> numbers = new HashMap<>();
    private OpenedWorkspace workspace;
    /** The workspace as the panel last drew it: drawing waits until the panel is open (see {@link #render}). */
    private OpenedWorkspace drawn;
    private String shownRequests = "";

    MembersPanel(Page page, WorkspaceScreens screens, WorkspaceSession session, Consumer<OpenedWorkspace> changed,
                 Consumer<String> notice) {
        this.page = page;
        this.screens = screens;
        this.session = session;
        this.changed = changed;
        this.notice = notice;
        this.invite = new InviteDialog(page, screens, session, this::safetyNumber, opened -> changed.accept(opened));
    }

    void wire() {
        HTMLElement toggle = page.element("workspace-members");
        HTMLElement panel = page.element("members-panel");
        toggle.addEventListener("click", event -> setOpen(panel.isHidden()));
        page.element("members-close").addEventListener("click", event -> setOpen(false));
        page.element("open-invite").addEventListener("click", event -> invite.open(workspace));
        invite.wire();
    }

    private void setOpen(boolean open) {
        page.element("members-panel").setHidden(!open);
        page.element("workspace-members").setAttribute("aria-expanded", open ? "true" : "false");
        if (open && drawn != workspace) {
            draw(workspace);
        }
    }

    /**
     * Takes the workspace as opened now, and draws it if the panel is open. A closed panel is drawn when it opens:
     * each member's safety number costs two chains of 5,200 SHA-512 rounds, and a 20-member workspace's numbers and
     * QR codes took longer than the whole note list when drawn on every opening of the workspace.
     */
    void render(OpenedWorkspace opened) {
        this.workspace = opened;
        invite.workspaceChanged(opened);
        if (!page.element("members-panel").isHidden()) {
            draw(opened);
        }
    }

    private void draw(OpenedWorkspace opened) {
        drawn = opened;
        HTMLElement list = page.element("member-list");
        DomExtras.clear(list);
        for (MemberView member : opened.members()) {
            list.appendChild(memberItem(opened, member));
        }
        HTMLElement pending = page.element("pending-list");
        DomExtras.clear(pending);
        for (MemberView invited : opened.pendingInvitations()) {
            pending.appendChild(pendingItem(opened, invited));
        }
        page.element("pending-section").setHidden(opened.pendingInvitations().isEmpty());
        HTMLElement links = page.element("link-list");
        DomExtras.clear(links);
        if (opened.canManage()) {
            for (LinkInvitationView link : opened.linkInvitations()) {
                links.appendChild(linkItem(opened, link));
            }
        }
        page.element("links-section").setHidden(!opened.canManage() || opened.linkInvitations().isEmpty());
        page.element("owner-actions").setHidden(!opened.canManage());
        if (!opened.canManage()) {
            page.element("join-requests-section").setHidden(true);
        }
    }

    private HTMLElement memberItem(OpenedWorkspace opened, MemberView member) {
        HTMLDocument document = HTMLDocument.current();
        HTMLElement item = document.createElement("li");
        String name = member.username().value();
        item.setAttribute("data-verified", member.verified() ? "true" : "false");
        HTMLElement who = document.createElement("div");
        who.setClassName("member-name");
        HTMLElement nameText = document.createElement("span");
        nameText.setInnerText(name);
        who.appendChild(nameText);
        if (member.self()) {
            who.appendChild(WorkspaceView.badge("you", "badge"));
        }
        if (member.verified()) {
            who.appendChild(WorkspaceView.badge("Verified", "badge badge-ok"));
        }
        if (member.keyChanged()) {
            who.appendChild(WorkspaceView.badge("key changed: nothing is sent to them", "badge badge-revoked"));
        }
        item.appendChild(who);
        HTMLElement controls = document.createElement("div");
        controls.setClassName("member-controls");
        boolean manageable = opened.canManage() && !member.self();
        if (manageable) {
            controls.appendChild(roleSelect(opened, member));
        } else {
            controls.appendChild(WorkspaceView.badge(member.role().displayName(), "badge"));
        }
        if (!member.self() && !member.verified() && !member.keyChanged()) {
            HTMLElement verify = WorkspaceView.button("Mark as verified", "Mark as verified");
            verify.addEventListener("click", event -> {
                verify.setAttribute("disabled", "");
                session.contacts().markVerified(member.accountId(), member.username(), member.identity(),
                        this::reopen, problem -> {
                            verify.removeAttribute("disabled");
                            screens.show(problem, page.element("workspace-error"));
                        });
            });
            controls.appendChild(verify);
        }
        if (manageable) {
            HTMLElement remove = WorkspaceView.button("Remove", "Remove");
            remove.addEventListener("click", event -> confirmRemove(item, opened, member));
            controls.appendChild(remove);
        }
        item.appendChild(controls);
        if (!member.self()) {
            HTMLElement safety = document.createElement("div");
            safety.setClassName("safety");
            SafetyNumberView.render(safety, safetyNumber(member.identity()), name);
            item.appendChild(safety);
        }
        return item;
    }

    private HTMLElement roleSelect(OpenedWorkspace opened, MemberView member) {
        HTMLSelectElement select = (HTMLSelectElement) HTMLDocument.current().createElement("select");
        select.setAttribute("aria-label", "Role");
        for (Role role : Role.values()) {
            HTMLElement option = HTMLDocument.current().createElement("option");
            option.setAttribute("value", role.displayName());
            option.setInnerText(role.displayName());
            if (role == member.role()) {
                option.setAttribute("selected", "");
            }
            select.appendChild(option);
        }
        select.addEventListener("change", event -> {
            Role chosen = roleNamed(select.getValue());
            select.setDisabled(true);
            session.actions().changeRole(opened, member.accountId(), chosen, updated -> {
                notice.accept(member.username().value() + " is now " + HomeWorkspaces.article(chosen.displayName())
                        + ".");
                changed.accept(updated);
            }, problem -> {
                select.setDisabled(false);
                select.setValue(member.role().displayName());
                screens.show(problem, page.element("workspace-error"));
            });
        });
        return select;
    }

    /** Removing starts a new key epoch; the row asks once more and says what it means. */
    private void confirmRemove(HTMLElement item, OpenedWorkspace opened, MemberView member) {
        String name = member.username().value();
        HTMLElement controls = (HTMLElement) item.querySelector(".member-controls");
        DomExtras.clear(controls);
        HTMLElement text = HTMLDocument.current().createElement("span");
        text.setInnerText("Remove " + name + "? They lose access at once, and nothing written from now on can be "
                + "read with their keys.");
        HTMLElement remove = WorkspaceView.button("Remove " + name, "Remove " + name);
        remove.setClassName("danger");
        HTMLElement cancel = WorkspaceView.button("Cancel", "Keep " + name);
        cancel.addEventListener("click", event -> render(workspace));
        remove.addEventListener("click", event -> {
            remove.setAttribute("disabled", "");
            text.setInnerText("Removing " + name + " and sealing a new key for everyone else…");
            session.actions().remove(opened, member.accountId(), updated -> {
                notice.accept(name + " was removed. A new key now protects what is written here.");
                changed.accept(updated);
            }, problem -> {
                render(workspace);
                screens.show(problem, page.element("workspace-error"));
            });
        });
        controls.appendChild(text);
        controls.appendChild(remove);
        controls.appendChild(cancel);
        remove.focus();
    }

    private HTMLElement pendingItem(OpenedWorkspace opened, MemberView invited) {
        HTMLElement item = HTMLDocument.current().createElement("li");
        HTMLElement text = HTMLDocument.current().createElement("span");
        text.setClassName("item-text");
        text.setInnerText(invited.username().value() + ", invited as "
                + HomeWorkspaces.article(invited.role().displayName()));
        item.appendChild(text);
        if (opened.canManage()) {
            HTMLElement cancel = WorkspaceView.button("Cancel invitation",
                    "Cancel the invitation of " + invited.username().value());
            cancel.addEventListener("click", event -> {
                cancel.setAttribute("disabled", "");
                session.actions().cancelInvitation(opened, invited.accountId(), changed,
                        problem -> screens.show(problem, page.element("workspace-error")));
            });
            item.appendChild(cancel);
        }
        return item;
    }

    private HTMLElement linkItem(OpenedWorkspace opened, LinkInvitationView link) {
        HTMLElement item = HTMLDocument.current().createElement("li");
        HTMLElement text = HTMLDocument.current().createElement("span");
        text.setClassName("item-text");
        text.setInnerText("A link for " + HomeWorkspaces.article(link.role().displayName()) + ", open until "
                + BrowserPage.localTimeMillis(link.expiresAt())
                + (link.autoConfirm() ? "; lets people in at once" : "; you let each person in"));
        HTMLElement revoke = WorkspaceView.button("Revoke", "Revoke");
        revoke.addEventListener("click", event -> {
            revoke.setAttribute("disabled", "");
            session.actions().revokeInviteLink(opened, link.invitationId(), updated -> {
                notice.accept("The invite link was revoked: it no longer lets anyone in.");
                changed.accept(updated);
            }, problem -> screens.show(problem, page.element("workspace-error")));
        });
        item.appendChild(text);
        item.appendChild(revoke);
        return item;
    }

    /**
     * For owners, while the page is open: lets in whoever asked through a link that says so, and lists the others
     * with their safety numbers. Only re-drawn when the requests change, so a choice in progress is not wiped out.
     */
    void refreshJoinRequests(Supplier<OpenedWorkspace> current) {
        OpenedWorkspace opened = current.get();
        if (opened == null || !opened.canManage()) {
            return;
        }
        session.actions().confirmAutomatically(opened, updated -> {
            if (updated.members().size() != opened.members().size()) {
                notice.accept("Someone joined by an invite link that lets people in at once. Compare their "
                        + "safety number with theirs.");
                changed.accept(updated);
            }
            session.actions().joinRequests(updated, this::renderJoinRequests,
                    problem -> screens.show(problem, page.element("workspace-error")));
        }, problem -> screens.show(problem, page.element("workspace-error")));
    }

    private void renderJoinRequests(List<JoinRequestView> requests) {
        StringBuilder key = new StringBuilder();
        for (JoinRequestView request : requests) {
            key.append(Base64Url.encode(request.encoded())).append(',');
        }
        if (key.toString().equals(shownRequests)) {
            return;
        }
        shownRequests = key.toString();
        HTMLElement list = page.element("join-request-list");
        DomExtras.clear(list);
        for (JoinRequestView request : requests) {
            list.appendChild(requestItem(request));
        }
        page.element("join-requests-section").setHidden(requests.isEmpty());
    }

    private HTMLElement requestItem(JoinRequestView request) {
        HTMLDocument document = HTMLDocument.current();
        HTMLElement item = document.createElement("li");
        String name = request.username().value();
        HTMLElement who = document.createElement("div");
        who.setClassName("member-name");
        who.setInnerText(name + " asks to join as " + HomeWorkspaces.article(request.role().displayName()));
        HTMLElement controls = document.createElement("div");
        controls.setClassName("member-controls");
        HTMLElement confirm = WorkspaceView.button("Confirm", "Confirm");
        confirm.setClassName("primary small");
        HTMLElement refuse = WorkspaceView.button("Refuse", "Refuse");
        confirm.addEventListener("click", event -> {
            confirm.setAttribute("disabled", "");
            session.actions().confirmJoin(workspace, request, updated -> {
                shownRequests = "";
                notice.accept(name + " joined the workspace.");
                changed.accept(updated);
            }, problem -> {
                confirm.removeAttribute("disabled");
                screens.show(problem, page.element("workspace-error"));
            });
        });
        // An invite link lets in one person: refusing them closes the link, so nobody else can use it either.
        refuse.addEventListener("click", event -> {
            refuse.setAttribute("disabled", "");
            session.actions().revokeInviteLink(workspace, request.invitationId(), updated -> {
                shownRequests = "";
                notice.accept(name + " was refused, and the link they used no longer works.");
                changed.accept(updated);
            }, problem -> screens.show(problem, page.element("workspace-error")));
        });
        controls.appendChild(confirm);
        controls.appendChild(refuse);
        HTMLElement safety = document.createElement("div");
        safety.setClassName("safety");
        SafetyNumberView.render(safety, safetyNumber(request.identity()), name);
        HTMLElement hint = document.createElement("p");
        hint.setClassName("hint");
        hint.setInnerText("Confirm only if " + name + " reads you the same number.");
        item.appendChild(who);
        item.appendChild(controls);
        item.appendChild(safety);
        item.appendChild(hint);
        return item;
    }

    private void reopen() {
        session.open(workspace.id(), changed,
                problem -> screens.show(problem, page.element("workspace-error")));
    }

    SafetyNumber safetyNumber(PublicIdentity other) {
        return numbers.computeIfAbsent(Base64Url.encode(other.toBytes()), key -> session.safetyNumber(other));
    }

    static Role roleNamed(String name) {
        for (Role role : Role.values()) {
            if (role.displayName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role " + name);
    }
}
