package dev.vellum.client.sync;

/**
 * What the status line says about sending: offline with how many changes wait, saving, saved, or refused and why.
 * Says nothing once the note is unreadable: that status stays.
 */
final class StatusLine {
    private final SyncState state;
    private final Outbox outbox;

    StatusLine(SyncState state, Outbox outbox) {
        this.state = state;
        this.outbox = outbox;
    }

    void loading() {
        if (!state.unreadable) {
            state.view.showStatus(SyncStatus.LOADING, "");
        }
    }

    void offline() {
        if (!state.unreadable) {
            state.view.showStatus(SyncStatus.OFFLINE, pendingDetail());
        }
    }

    /** Saving while anything waits or is on its way, saved once the server has it all. */
    void settled() {
        state.view.showStatus(outbox.hasUnsavedChanges() ? SyncStatus.SAVING : SyncStatus.SAVED, "");
    }

    /** After the person's edit: offline with the count, or saving unless an item is already on its way. */
    void afterEdit() {
        if (state.connection == null) {
            offline();
        } else if (outbox.isIdle()) {
            state.view.showStatus(SyncStatus.SAVING, "");
        }
    }

    /** After a change not typed in the editor (a restored version): says how many changes wait, even online. */
    void afterRestore() {
        state.view.showStatus(state.connection == null ? SyncStatus.OFFLINE : SyncStatus.SAVING, pendingDetail());
    }

    void sending() {
        state.view.showStatus(SyncStatus.SAVING, "");
    }

    void refused(String why) {
        state.view.showStatus(SyncStatus.REFUSED, why);
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
