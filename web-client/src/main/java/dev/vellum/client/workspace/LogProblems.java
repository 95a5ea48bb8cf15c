package dev.vellum.client.workspace;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.protocol.workspace.MembershipLogException;

/** Turns a refused membership log into words for the person, with the alert kind the UI shows. */
final class LogProblems {
    private LogProblems() {
    }

    static WorkspaceProblem of(MembershipLogException e) {
        return switch (e.reason()) {
            case ROLLBACK -> WorkspaceProblem.of(Kind.ROLLBACK, "The server shows an older membership list of this "
                    + "workspace than the one this browser saw before (" + e.getMessage() + "). It may be hiding a "
                    + "change, such as someone's removal. Nothing was sent or trusted.");
            case FORK -> WorkspaceProblem.of(Kind.FORK, "The server shows a different membership history of this "
                    + "workspace than the one this browser saw before (" + e.getMessage() + "): it shows different "
                    + "people different members. Nothing was sent or trusted.");
            default -> WorkspaceProblem.of(Kind.LOG_INVALID, "The membership list of this workspace does not verify: "
                    + e.getMessage() + ". Someone (the server, say) added or changed an entry that no member signed. "
                    + "Nothing was sent or trusted.");
        };
    }
}
