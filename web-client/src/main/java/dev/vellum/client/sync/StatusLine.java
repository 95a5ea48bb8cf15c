package dev.vellum.client.sync;

/**
 * What the status line says about sending: offline with how many changes wait, saving, saved, or refused and why.
 * Says nothing more once the note is unreadable or the person's session ended: that status stays.
 */
final class StatusLine {
    private final SyncState state;
    private final Outbox outbox;

    StatusLine(SyncState state, Outbox outbox) {
        this.state = state;
        this.outbox = outbox;
    }

    void loading() {
        show(SyncStatus.LOADING, "");
    }

    void offline() {
        show(SyncStatus.OFFLINE, pendingDetail());
    }

    /** Saving while anything waits or is on its way, saved once the server has it all. */
    void settled() {
        if (!state.sessionEnded) {
            state.view.showStatus(outbox.hasUnsavedChanges() ? SyncStatus.SAVING : SyncStatus.SAVED, "");
        }
    }

    /** After the person's edit: offline with the count, or saving unless an item is already on its way. */
    void afterEdit() {
        if (state.connection == null) {
            offline();
        } else if (outbox.isIdle()) {
            show(SyncStatus.SAVING, "");
        }
    }

    /** After a change not typed in the editor (a restored version): says how many changes wait, even online. */
    void afterRestore() {
        show(state.connection == null ? SyncStatus.OFFLINE : SyncStatus.SAVING, pendingDetail());
    }

    void sending() {
        show(SyncStatus.SAVING, "");
    }

    /**
     * The server is busy and asked this tab to send again later: still "Saving…", with a calm word once it lasts.
     * Nothing is refused and nothing is lost, so this is never shown as a problem.
     */
    void busy(boolean lasting) {
        show(SyncStatus.SAVING, lasting ? "server busy, retrying" : "");
    }

    void refused(String why) {
        if (!state.sessionEnded) {
            state.view.showStatus(SyncStatus.REFUSED, why);
        }
    }

    /** The person's session ended: said once, in words that tell them what to do and that nothing is lost. */
    void sessionEnded() {
        state.view.showStatus(SyncStatus.SESSION_ENDED, "Log in again to keep editing; your unsent changes are kept "
                + "in this browser.");
    }

    private void show(SyncStatus status, String detail) {
        if (!state.unreadable && !state.sessionEnded) {
            state.view.showStatus(status, detail);
        }
    }

    /** How many changes wait to be sent, said for the person ("3 changes waiting"), or nothing. */
    private String pendingDetail() {
        int waiting = outbox.pendingChanges();
        if (waiting == 0) {
            return "";
        }
        return waiting == 1 ? "1 change waiting, kept in this browser"
                : waiting + " changes waiting, kept in this browser";
    }
}
