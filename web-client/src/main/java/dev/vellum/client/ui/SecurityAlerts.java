package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.workspace.MembershipLogException;
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
     * The server now shows another key for someone this browser knew: nothing is sealed to them until the person
     * chooses. {@code keepOld} is the safe choice (first); {@code trustNew} only after comparing numbers.
     */
    void keyChanged(String username, PublicIdentity mine, PublicIdentity newKey, Runnable keepOld,
                    Runnable trustNew) {
        alert.show(username + "'s key has changed",
                "The server now gives a different key for " + username + " than the one this browser saw before. "
                        + "Either " + username + " made a new account under the same name, or someone, perhaps the "
                        + "server itself, is posing as " + username + " to read what you share.",
                "Nothing is sent to " + username + " until you decide. Ask " + username + " in person or on a call "
                        + "whether they changed accounts, and compare the new safety number below with theirs. "
                        + "Trust the new key only if the numbers match.",
                List.of(new SecurityAlert.Choice("Keep the old key", keepOld),
                        new SecurityAlert.Choice("Trust the new key", trustNew)));
        SafetyNumberView.render(alert.safetyArea(), mine, newKey, username);
    }

    /** The membership log does not verify, goes back, or differs from what was seen: the workspace stays closed. */
    void logRejected(MembershipLogException problem) {
        String title;
        String what;
        switch (problem.reason()) {
            case ROLLBACK -> {
                title = "This workspace's member list went back in time";
                what = "The server showed an older list of members than the one this browser has already seen. "
                        + "It may be trying to undo a change, such as someone's removal.";
            }
            case FORK -> {
                title = "Two different member lists";
                what = "The server showed a list of members that differs from one seen before at the same point. "
                        + "It may be showing different people different lists, for example to hide that someone "
                        + "was added.";
            }
            default -> {
                title = "This workspace's member list failed its check";
                what = "Every change to who is in a workspace is signed by the member who made it. A change here "
                        + "is not signed properly, or was made by someone without the right. The server, or someone "
                        + "who broke into it, may have changed the list.";
            }
        }
        alert.show(title, what + " (Detail: " + problem.getMessage() + ".)", STOPPED + TELL,
                List.of(new SecurityAlert.Choice("Back to your workspaces", () -> BrowserPage.go("/"))));
    }

    /** The server offered an epoch key the log does not vouch for, or an older one than the current epoch. */
    void oldKey(String detail) {
        alert.show("An outdated or false key was offered",
                "The server offered a key for this workspace that is older than the current one, or that its list "
                        + "of members does not vouch for. Writing with it could let someone who was removed read "
                        + "what you write. (Detail: " + detail + ".)",
                STOPPED + TELL,
                List.of(new SecurityAlert.Choice("Back to your workspaces", () -> BrowserPage.go("/"))));
    }
}
