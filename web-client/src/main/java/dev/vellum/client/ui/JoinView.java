package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.workspace.InvitationPreview;
import dev.vellum.client.workspace.JoinLink;
import dev.vellum.client.workspace.WorkspaceProblem;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.client.workspace.WorkspaceSummary;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The page of an invite link, {@code /join/<id>#<secret>}: a person not logged in logs in or signs up first and
 * comes back here; then the link's sealed welcome says who invites them to which workspace, with their safety number
 * with the inviter; "Join" sends a request signed with the link's key and their own, and the page waits until an
 * owner lets them in, then opens the workspace.
 */
final class JoinView {
    /** How often the waiting page asks whether an owner let this person in. */
    private static final int ADMISSION_POLL_MILLIS = 2_500;

    private final Page page;
    private final WorkspaceScreens screens;
    private WorkspaceSession session;
    private InvitationPreview invitation;
    private int poll = -1;

    JoinView(Page page, WorkspaceScreens screens) {
        this.page = page;
        this.screens = screens;
    }

    void show(JoinLink link) {
        page.show("join-view");
        busy("Checking the invite link…");
        AccountSession.check(state -> {
            if (!state.signedIn() && state.standing() != AccountSession.Standing.UNREACHABLE) {
                busy(null);
                screens.rememberThisPage(); // the secret stays in this tab's storage, never sent anywhere
                page.element("join-signed-out").setHidden(false);
                return;
            }
            screens.withSession(state, started -> {
                session = started;
                session.joining().openInvitation(link, this::offer, this::refused);
            });
        });
    }

    private void offer(InvitationPreview preview) {
        this.invitation = preview;
        busy(null);
        String inviter = preview.inviter().value();
        // The welcome does not say the role (only members read the log's LinkInvite): said when it is known.
        String role = preview.role() == null ? "" : " as " + HomeWorkspaces.article(preview.role().displayName());
        page.element("join-offer-text").setInnerText(inviter + " invites you to the workspace “"
                + preview.workspaceName() + "”" + role + ". The invitation is open until "
                + BrowserPage.localTimeMillis(preview.expiresAt()) + ".");
        page.element("join-inviter-name").setInnerText(inviter);
        page.element("join-offer").setHidden(false);
        // The welcome names the inviter; their keys come from the server, as for any person, pinned on first sight.
        session.actions().lookUp(inviter, invitee -> SafetyNumberView.render(page.element("join-safety"),
                invitee.safetyNumber(), inviter), problem -> screens.show(problem, page.element("join-error")));
        HTMLElement join = page.element("join-submit");
        join.addEventListener("click", event -> {
            join.setAttribute("disabled", "");
            busy("Sending your request…");
            session.joining().requestToJoin(invitation, this::waitForAdmission, problem -> {
                join.removeAttribute("disabled");
                busy(null);
                refused(problem);
            });
        });
    }

    private void waitForAdmission() {
        busy(null);
        page.element("join-submit").setHidden(true);
        HTMLElement waiting = page.element("join-waiting");
        waiting.setInnerText("Request sent. Waiting for " + invitation.inviter().value() + " (or another owner) to "
                + "let you in. They see your safety number and may compare it with you first. Keep this page open: "
                + "it opens the workspace as soon as you are in.");
        waiting.setHidden(false);
        poll = Window.setInterval(this::checkAdmitted, ADMISSION_POLL_MILLIS);
    }

    private void checkAdmitted() {
        session.workspaces(list -> {
            for (WorkspaceSummary workspace : list) {
                if (workspace.workspaceId().equals(invitation.workspaceId()) && !workspace.pending()
                        && workspace.problem() == null) {
                    Window.clearInterval(poll);
                    BrowserPage.go(WorkspacePath.of(workspace.workspaceId()));
                    return;
                }
            }
        }, problem -> {
            if (problem.blocking()) {
                Window.clearInterval(poll);
                screens.show(problem, page.element("join-error"));
            }
        });
    }

    /** An expired, revoked, used or damaged link, or the server refusing: said plainly (the workspace logic's words). */
    private void refused(WorkspaceProblem problem) {
        busy(null);
        page.element("join-offer").setHidden(true);
        screens.show(problem, page.element("join-error"));
    }

    private void busy(String message) {
        HTMLElement busy = page.element("join-busy");
        busy.setHidden(message == null);
        if (message != null) {
            busy.setInnerText(message);
        }
    }
}
