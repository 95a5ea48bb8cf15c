package dev.vellum.client.workspace;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.workspace.SealedTitle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * "Forget old history", an owner's choice: what this browser does so that the server can forget a workspace's
 * history of older key epochs (protocol.md, "Compaction"). It seals the workspace's name again under the current
 * epoch if the log's is older, and every note title of an older epoch it could read; then it asks the server to
 * compact. The notes' contents are re-encrypted by writers' browsers when they open them (a snapshot under the
 * current epoch); the server lists the notes still waiting for that. Once the server says the older keys are gone,
 * the keys this page holds of older epochs are destroyed too; browsers fetch keys at each opening, so nothing else
 * of them is kept.
 */
public final class OldHistory {
    private final WorkspaceSession session;
    private final WorkspaceActions actions;

    OldHistory(WorkspaceSession session, WorkspaceActions actions) {
        this.session = session;
        this.actions = actions;
    }

    /**
     * What the server did, in the words of the workspace as opened.
     *
     * @param compactedNotes notes whose history of older epochs is gone (or that never had any)
     * @param waiting notes that still hold something of an older epoch: someone who can write must open each
     * @param nameWaiting the workspace's name is still sealed under an older epoch (its name could not be read here)
     * @param oldKeysDeleted the server deleted the epoch links and the older key envelopes, and this page its keys
     */
    public record Forgotten(int compactedNotes, List<NoteEntry> waiting, boolean nameWaiting,
                            boolean oldKeysDeleted) {
        public Forgotten {
            waiting = List.copyOf(waiting);
        }
    }

    void forget(OpenedWorkspace workspace, Consumer<Forgotten> ok, Consumer<WorkspaceProblem> failed) {
        if (!workspace.canManage()) {
            failed.accept(WorkspaceProblem.of(Kind.NOT_ALLOWED, "Only the workspace's owners can forget its old "
                    + "history."));
            return;
        }
        Consumer<Forgotten> done = forgotten -> {
            if (forgotten.oldKeysDeleted()) {
                workspace.keyring().forgetBefore(workspace.currentEpoch()); // the page's copy, if it was reopened
            }
            ok.accept(forgotten);
        };
        resealName(workspace, renamed -> resealTitles(renamed, () -> compact(renamed, done, failed), failed),
                failed);
    }

    /** The name, sealed again under the current epoch if the log holds it under an older one (and it was read). */
    private void resealName(OpenedWorkspace workspace, Consumer<OpenedWorkspace> next,
                            Consumer<WorkspaceProblem> failed) {
        if (workspace.log().currentName().epoch() >= workspace.currentEpoch()
                || OpenedWorkspace.UNREADABLE_NAME.equals(workspace.name())) {
            next.accept(workspace);
            return;
        }
        actions.renameWorkspace(workspace, workspace.name(), next, failed);
    }

    /** Every verified title of an older epoch, sealed again (same words) under the current one, one at a time. */
    private void resealTitles(OpenedWorkspace workspace, Runnable next, Consumer<WorkspaceProblem> failed) {
        session.server().notes(workspace.id(), rows -> {
            List<NoteEntry> older = new ArrayList<>();
            for (WorkspaceServer.NoteRow row : rows) {
                NoteEntry entry = entry(workspace, row.noteId());
                if (entry != null && entry.titleVerified() && titleEpoch(row) < workspace.currentEpoch()) {
                    older.add(entry);
                }
            }
            resealInTurn(workspace, older, 0, next, failed);
        }, error -> failed.accept(WorkspaceProblem.server(error)));
    }

    private void resealInTurn(OpenedWorkspace workspace, List<NoteEntry> older, int index, Runnable next,
                              Consumer<WorkspaceProblem> failed) {
        if (index == older.size()) {
            next.run();
            return;
        }
        NoteEntry entry = older.get(index);
        actions.renameNote(workspace, entry.noteId(), entry.title(),
                () -> resealInTurn(workspace, older, index + 1, next, failed), failed);
    }

    /** A listed title's epoch; one that does not parse is left as it is (the server counts it as waiting). */
    private static int titleEpoch(WorkspaceServer.NoteRow row) {
        try {
            return SealedTitle.parse(row.title()).epoch();
        } catch (InvalidMessageException e) {
            return Integer.MAX_VALUE;
        }
    }

    private void compact(OpenedWorkspace workspace, Consumer<Forgotten> ok, Consumer<WorkspaceProblem> failed) {
        session.server().compact(workspace.id(), result -> {
            if (result.oldKeysDeleted()) {
                // Nothing is left that they open: they go from this page's memory now, not at its next load.
                workspace.keyring().forgetBefore(workspace.currentEpoch());
            }
            List<NoteEntry> waiting = new ArrayList<>();
            for (NoteId id : result.notesWaiting()) {
                NoteEntry entry = entry(workspace, id);
                waiting.add(entry != null ? entry : new NoteEntry(id, NoteEntry.UNREADABLE_TITLE, false, -1));
            }
            ok.accept(new Forgotten(result.compactedNotes(), waiting, result.nameWaiting(),
                    result.oldKeysDeleted()));
        }, error -> failed.accept(WorkspaceProblem.server(error)));
    }

    private static NoteEntry entry(OpenedWorkspace workspace, NoteId id) {
        for (NoteEntry entry : workspace.notes()) {
            if (entry.noteId().equals(id)) {
                return entry;
            }
        }
        return null;
    }
}
