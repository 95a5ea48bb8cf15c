package dev.vellum.client.workspace;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs this person's next entries after a verified log's head, and checks them with the same rules every member
 * and the server apply, on a copy of the log, before anything is sent: a change the log would refuse (removing the
 * last owner, a role that may not do it) is refused here, in words for the person, instead of by the server.
 */
final class EntryChain {
    private final OpenedWorkspace workspace;
    private final MembershipLog copy;
    private final List<byte[]> encoded = new ArrayList<>();

    EntryChain(OpenedWorkspace workspace) throws WorkspaceProblemException {
        this.workspace = workspace;
        try {
            this.copy = MembershipLog.verify(workspace.id(), workspace.log().entries());
        } catch (MembershipLogException e) {
            throw new IllegalStateException("a log that verified once does not verify again", e);
        }
    }

    /** Signs {@code body} as the next entry and applies it to the copy; answers the state after it. */
    MembershipLog add(EntryBody body) throws WorkspaceProblemException {
        WorkspaceSession session = workspace.session();
        MembershipEntry entry = MembershipEntry.sign(workspace.id(), copy.head(), body, session.now(),
                session.account().accountId(), session.account().identity());
        try {
            copy.append(entry);
        } catch (MembershipLogException e) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.NOT_ALLOWED,
                    "This change is not allowed: " + e.getMessage() + "."));
        }
        encoded.add(entry.encode());
        return copy;
    }

    List<byte[]> entries() {
        return List.copyOf(encoded);
    }
}
