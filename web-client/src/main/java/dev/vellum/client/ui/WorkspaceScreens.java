package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.jso.DomExtras;
import dev.vellum.client.workspace.WorkspaceProblem;
import dev.vellum.client.workspace.WorkspaceSession;
import dev.vellum.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * What the workspace screens share in one page: the person's {@link WorkspaceSession} (started once, when first
 * needed), the blocking security alert, and the way back to a workspace or invite link after logging in.
 */
final class WorkspaceScreens {
    /** Where to go on after logging in, kept for this tab only (an invite link's secret never leaves the browser). */
    private static final String RETURN_KEY = "vellum.return-to";

    private final Page page;
    private final RandomSource random;
    private final SecurityAlerts alerts;
    private WorkspaceSession session;
    private List<Consumer<WorkspaceSession>> waiting;
    /** Security problems already put to the person in this page: reopening a workspace does not ask again. */
    private final java.util.Set<String> alerted = new java.util.HashSet<>();

    WorkspaceScreens(Page page, RandomSource random) {
        this.page = page;
        this.random = random;
        this.alerts = new SecurityAlerts(new SecurityAlert(page));
    }

    /**
     * Runs {@code then} with the person's workspaces once they are open. Someone not logged in (or whose keys this
     * browser no longer holds) logs in first and comes back here; an unreachable server is said so.
     */
    void withSession(AccountSession.State state, Consumer<WorkspaceSession> then) {
        if (!state.signedIn()) {
            if (state.standing() == AccountSession.Standing.UNREACHABLE) {
                page.showLinkError("The server cannot be reached, so your workspaces cannot be opened now. Check "
                        + "the connection and reload.");
                return;
            }
            rememberThisPage();
            BrowserPage.go("/login");
            return;
        }
        if (session != null) {
            then.accept(session);
            return;
        }
        if (waiting != null) {
            waiting.add(then);
            return;
        }
        waiting = new ArrayList<>();
        waiting.add(then);
        WorkspaceSession.start(state.account(), random, started -> {
            session = started;
            List<Consumer<WorkspaceSession>> ready = waiting;
            waiting = null;
            ready.forEach(next -> next.accept(started));
        }, problem -> {
            waiting = null;
            if (!alerts.show(problem, null, () -> { })) {
                page.showLinkError(problem.message());
            }
        });
    }

    /** This page's path and fragment, to come back to after logging in or signing up. */
    void rememberThisPage() {
        Location location = Window.current().getLocation();
        DomExtras.keepForThisTab(RETURN_KEY, location.getPathName() + location.getHash());
    }

    /** The page to go back to after logging in, once (it is forgotten as it is read), or null. */
    static String takeReturnPath() {
        String path = DomExtras.takeForThisTab(RETURN_KEY);
        // Only a path of this site: a value planted in this tab's storage must not send the person elsewhere.
        return path != null && path.startsWith("/") && !path.startsWith("//") ? path : null;
    }

    /**
     * Shows a problem: a security problem in the blocking alert ({@code afterwards} once the person chose), any
     * other in {@code place}, an element with role alert.
     */
    void show(WorkspaceProblem problem, HTMLElement place, Runnable afterwards) {
        if (problem.blocking()) {
            if (alerted.add(problem.kind() + ":" + problem.message())) {
                alerts.show(problem, session, afterwards);
            }
            return;
        }
        place.setInnerText(problem.message());
        place.setHidden(false);
    }

    void show(WorkspaceProblem problem, HTMLElement place) {
        show(problem, place, () -> { });
    }
}
