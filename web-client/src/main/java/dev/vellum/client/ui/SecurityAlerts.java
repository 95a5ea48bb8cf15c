package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.workspace.WorkspaceProblem;
import dev.vellum.client.workspace.WorkspaceSession;
import java.util.List;

/**
 * The words of each blocking alert about a workspace: what happened, what it may mean, and what the person can do.
 * Written for someone who knows nothing of logs or keys; the technical detail comes last, for whoever they tell.
 */
final class SecurityAlerts {
    private static final String STOPPED = "Vellum stopped here: it will not show this workspace's notes or send its "
            + "keys to anyone while this lasts. ";
    private static final String TELL = "Try again later. If this stays, tell the workspace's owners, and whoever "
            + "runs this server. Your other workspaces are not affected.";

    private final SecurityAlert alert;

    SecurityAlerts(SecurityAlert alert) {
        this.alert = alert;
    }

    /**
     * Shows a blocking problem in the alert; {@code afterwards} runs once the person chose (for a changed key, after
     * the new key was accepted or kept out). Answers false, showing nothing, for a problem that is not blocking.
     */
    boolean show(WorkspaceProblem problem, WorkspaceSession session, Runnable afterwards) {
        if (!problem.blocking()) {
            return false;
        }
        List<SecurityAlert.Choice> leave = List.of(
                new SecurityAlert.Choice("Back to your workspaces", () -> BrowserPage.go("/")));
        // The workspace logic's messages already say, for people, what was found; the alert adds the title and what to do.
        String found = problem.message();
        switch (problem.kind()) {
            case KEY_CHANGED -> keyChanged(problem.keyChange(), session, afterwards);
            case ROLLBACK -> alert.show("This workspace's member list went back in time", found, STOPPED + TELL,
                    leave);
            case FORK -> alert.show("Two different member lists", found, STOPPED + TELL, leave);
            case OLD_EPOCH_KEY -> alert.show("An outdated or false key was offered", "The server offered a key "
                    + "that could let someone who was removed read what you write. " + found, STOPPED + TELL, leave);
            case FORGED_REQUEST -> alert.show("A forged invitation or request to join", found,
                    "Nobody was let in. You can go on using this workspace; if this happens again, tell whoever "
                            + "runs this server.",
                    List.of(new SecurityAlert.Choice("Close", afterwards)));
            default -> alert.show("This workspace's member list failed its check",
                    "Every change to who is in a workspace is signed by the member who made it, and this list "
                            + "failed that check, so the server, or someone who broke into it, may have changed "
                            + "it. " + found,
                    STOPPED + TELL, leave);
        }
        return true;
    }

    private static String problem(WorkspaceProblem.KeyChange change) {
        String username = change.username().value();
        return "The server now gives a different key for " + username + " than the one this browser saw before. "
                + "Either " + username + " made a new account under the same name, or someone, perhaps the server "
                + "itself, is posing as " + username + " to read what you share.";
    }

    /**
     * The server now shows another key for someone this browser knew: nothing is sealed to them until the person
     * chooses. Keeping the old key out is the safe choice (first); trusting the new one only after comparing numbers.
     */
    private void keyChanged(WorkspaceProblem.KeyChange change, WorkspaceSession session, Runnable afterwards) {
        String username = change.username().value();
        if (session == null) { // before the session started: nothing to accept the key with, only to stop
            alert.show(username + "'s key has changed", problem(change), "Nothing was sent to " + username + ". "
                    + TELL, List.of(new SecurityAlert.Choice("Back to your workspaces", () -> BrowserPage.go("/"))));
            return;
        }
        alert.show(username + "'s key has changed", problem(change),
                "Nothing is sent to " + username + " until you decide. Ask " + username + " in person or on a call "
                        + "whether they changed accounts, and compare the new safety number below with theirs. "
                        + "Trust the new key only if the numbers match.",
                List.of(new SecurityAlert.Choice("Keep the old key", afterwards),
                        new SecurityAlert.Choice("Trust the new key", () -> session.contacts().acceptNewKey(change,
                                afterwards, problem -> show(problem, session, afterwards)))),
                area -> SafetyNumberView.render(area, session.account().identity().publicIdentity(),
                        change.presented(), username));
    }
}
