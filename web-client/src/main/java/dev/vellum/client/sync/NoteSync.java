package dev.vellum.client.sync;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.crypto.aead.XChaCha20Poly1305Arrays;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.wire.Frame;

/**
 * Keeps one note in step with its relay. The note is a text CRDT: every edit the person makes becomes ops at once,
 * and batches of ops travel as note items, encrypted, signed by this tab's author key and chained to its previous
 * item. The server numbers and stores them in order; everyone merges them in that order, and concurrent typing
 * merges instead of one text winning. Every item received is checked before it is applied, and a failure is shown
 * as a {@link SyncWarning}.
 *
 * <p>This class only routes: the editor tells it every edit and selection change, frames come in from the connection,
 * and the parts do the work: {@link LocalEdits} (the person's changes), the {@link Outbox} (sending), the {@link Inbox}
 * (receiving in order), {@link ServerFrames} (which part a frame is for), {@link Versions} (snapshots and history),
 * {@link Presence} (carets), {@link CommentSync} (comments), the {@link LocalKeeper} (the copy kept in the browser) and
 * the {@link EditorMirror} (the view). It owns the timing: updates are paced by {@link SyncTunables}, on a {@link
 * SyncClock}. It never reads the view back. Pure Java, so every rule is tested on the JVM.
 */
public final class NoteSync {
    private final SyncState state;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Versions versions;
    private final Presence presence;
    private final LocalKeeper<?> local;
    private final EditorMirror editor;
    private final StatusLine status;
    private final ServerFrames frames;
    private final LocalEdits edits;
    private final CommentSync comments;
    private final Throttle sends;
    private final RetryWait retries;
    private SyncTunables tunables = SyncTunables.defaults();

    /**
     * @param writer who this tab writes as: a logged-in person's device, or an anonymous visitor, with the name and
     *               colour others see next to their caret and in the history
     * @param replica this tab's identity as a writer of the text, unique to it
     * @param clock paces sending and saving, dates snapshots, and forgets people who left
     * @param localStore where the local copy is kept between visits
     */
    public NoteSync(Writer writer, NoteView view, ReplicaId replica, SyncClock clock, LocalCopyStore<?> localStore) {
        this(writer, view, replica, clock, localStore, null);
    }

    /**
     * A workspace note: as above, and every item's author is checked against the workspace's verified membership
     * log (a viewer's or a stranger's item is not applied, with a warning), the log head each item claims is
     * compared with that log (a later one fetches the log again once, another one at a known position is a fork),
     * and the editor is read-only for a viewer.
     *
     * @param membership the workspace's verified log; null for a note shared by link
     */
    public NoteSync(Writer writer, NoteView view, ReplicaId replica, SyncClock clock, LocalCopyStore<?> localStore,
                    WorkspaceMembership membership) {
        this.state = new SyncState(writer, replica, view, membership);
        this.outbox = new Outbox(state);
        ItemChecks checks = new ItemChecks(state);
        this.editor = new EditorMirror(state);
        this.comments = new CommentSync(state, outbox, clock, this::afterOwnComment);
        this.inbox = new Inbox(state, checks, outbox, comments, this::showText);
        checks.onMembershipLearned(inbox::learnChainsAgain);
        this.versions = new Versions(state, outbox, checks, clock);
        this.presence = new Presence(state, editor, clock);
        this.local = new LocalKeeper<>(state, outbox, comments, clock, localStore);
        this.status = new StatusLine(state, outbox);
        this.frames = new ServerFrames(state, outbox, inbox, versions, presence, status, this::onCaughtUp,
                this::onServerLimits, this::onSessionEnded);
        this.sends = new Throttle(clock, () -> tunables.sendIntervalMillis(), this::sendWaiting);
        this.retries = new RetryWait(clock, this::resendAfterWait);
        frames.onRetryAfter(this::onRetryAfter);
        if (membership != null) {
            frames.onStaleEpoch(() -> membership.refresh(() -> {
                outbox.allowAgain();
                sends.request();
            }));
        }
        this.edits = new LocalEdits(state, editor, outbox, versions, local, presence, status, sends::request);
        view.setEditable(false);
        view.showStatus(SyncStatus.CONNECTING, "");
    }

    /** The revision to resume from when (re)connecting: the server sends only what comes after it. */
    public long since() {
        return inbox.since();
    }

    public void onConnected(FrameSender sender) {
        if (state.sessionEnded) {
            sender.close(); // opened just before the session was found ended: it carries nothing more
            return;
        }
        state.connection = sender;
        state.caughtUp = false;
        state.rejoining = false;
        frames.onConnected();
        retries.cancel();
        inbox.onConnected();
        outbox.onConnected();
        versions.onConnectionChanged();
        status.loading();
    }

    /**
     * The logged-in person's session ended: the server refused the WebSocket for it (HTTP 401 before the upgrade),
     * closed it with code 4401, or refused an item because the device is unknown, revoked or not this session's.
     * Nothing more is sent and the connection is closed for good (no retry could succeed); what the server has not
     * stored is kept in this browser's local copy at once, and is sent once they log in again and reopen the note.
     * The editor turns read-only, with a message that says so.
     */
    public void onSessionEnded() {
        if (state.sessionEnded) {
            return;
        }
        state.sessionEnded = true;
        outbox.requeue();
        sends.cancel();
        retries.cancel();
        FrameSender connection = state.connection;
        state.connection = null;
        state.caughtUp = false;
        versions.onConnectionChanged();
        if (connection != null) {
            connection.close();
        }
        local.saveNow();
        state.view.setEditable(false);
        status.sessionEnded();
    }

    public void onDisconnected() {
        if (state.sessionEnded) {
            return; // closed on purpose; the status says why
        }
        state.connection = null;
        state.caughtUp = false;
        presence.positions().onDisconnected();
        outbox.requeue();
        sends.cancel();
        retries.cancel();
        versions.onConnectionChanged();
        status.offline();
    }

    /**
     * The server's limits, which it advertises on each connection: sending and caret updates are paced so that one
     * person's frames stay under its rate with a margin, and an update's batch fits in its frame size.
     *
     * @throws IllegalArgumentException for limits no client could meet (see {@link SyncTunables#forServer})
     */
    public void onServerLimits(int maxFrameBytes, int framesPerSecond) {
        tunables = SyncTunables.forServer(maxFrameBytes, framesPerSecond);
        outbox.setMaxBatchChars(tunables.maxBatchChars());
        presence.setIntervalMillis(tunables.presenceIntervalMillis());
    }

    // --- Kept in the browser between visits ------------------------------------------------------------------

    /** The local copy as it stands, sealed into {@code arrays}, as {@link LocalCopyStore#keep} receives it. */
    public <A> A exportLocalState(XChaCha20Poly1305Arrays<A> arrays) {
        return local.export(arrays);
    }

    /**
     * Shows the note as this browser last kept it, editable at once even offline; what the server has since merges
     * in when it arrives, and the kept edits are sent. Returns false (and changes nothing) if the kept bytes do not
     * open or parse.
     */
    public <A> boolean restoreLocalState(A sealed, XChaCha20Poly1305Arrays<A> arrays) {
        if (!local.restore(sealed, arrays)) {
            return false;
        }
        markLoaded();
        if (state.connection == null) {
            status.offline();
        }
        return true;
    }

    /**
     * The note was made in this tab a moment ago: it is empty everywhere, so the person may type at once, before the
     * server has answered; what they type goes out once it has (only then is this author's place in the chain known).
     */
    public void startEmpty() {
        markLoaded();
    }

    /** Whether the person has typed something that the server has not stored yet. */
    public boolean hasUnsavedChanges() {
        return outbox.hasUnsavedChanges();
    }

    // --- From the editor -------------------------------------------------------------------------------------

    /** The person changed the text to {@code text}, with this selection: it becomes ops at once, sent when paced. */
    public void onLocalEdit(String text, int selectionStart, int selectionEnd) {
        edits.onEdited(text, selectionStart, selectionEnd);
        comments.show(); // anchored ranges move with the text
    }

    /** The person moved the caret or the selection, in the text last pushed to or told by the editor. */
    public void onSelectionChange(int selectionStart, int selectionEnd) {
        editor.onSelection(selectionStart, selectionEnd);
        presence.onMoved();
    }

    /**
     * Puts an earlier version's text back as a new change by this person, on top of the note as it is now: others'
     * later edits are replaced like any text the person would retype, and the history keeps both.
     */
    public void restoreVersion(String text) {
        edits.replaceAll(text);
        comments.show();
    }

    // --- Comments (each action is signed, shown, kept and sent at once; see CommentSync) -----------------------

    /**
     * Whether this person may comment now: once the note is shown, unless it could not be read or their session
     * ended. A workspace's viewer may comment too (comments do not change the text).
     */
    public boolean canComment() {
        return comments.canComment();
    }

    /**
     * Starts a thread on the text from {@code start} to {@code end} (UTF-16 units of the text last shown, end
     * exclusive) and returns its id.
     *
     * @throws IllegalStateException if the person may not comment now ({@link #canComment})
     * @throws IllegalArgumentException for an empty or out-of-range selection, or an empty or too long text
     */
    public CommentId postComment(int start, int end, String text) {
        return comments.post(start, end, text);
    }

    /** Replies to comment {@code parent} of thread {@code thread}; returns the reply's id. Throws as above. */
    public CommentId reply(CommentId thread, CommentId parent, String text) {
        return comments.reply(thread, parent, text);
    }

    /** @throws IllegalArgumentException if the comment is not this person's (only its author may edit it) */
    public void editComment(CommentId comment, String text) {
        comments.edit(comment, text);
    }

    /** @throws IllegalArgumentException if the comment is not this person's (only its author may delete it) */
    public void deleteComment(CommentId comment) {
        comments.delete(comment);
    }

    /** Marks a thread resolved; anyone who may comment may. */
    public void resolveThread(CommentId thread) {
        comments.resolve(thread);
    }

    public void reopenThread(CommentId thread) {
        comments.reopen(thread);
    }

    private void afterOwnComment() {
        local.afterOwnEdit();
        status.afterEdit();
        sends.request();
    }

    /**
     * Sends the unsent ops as this author's next update now (or, if none wait, the unsent comment records), if nothing
     * is already on its way and this connection's history has arrived (only then is this author's place in their chain
     * known). Returns whether it sent. The engine calls it itself, paced; tests call it to send without waiting.
     */
    boolean flush() {
        boolean sent = sendWaiting();
        if (sent) {
            sends.markRan();
        }
        return sent;
    }

    /** The text's ops first, then comments: a comment on text just typed reaches readers after that text. */
    private boolean sendWaiting() {
        if (!outbox.sendUpdate() && !outbox.sendComments()) {
            // A re-encryption that could not go when the history arrived (something was on its way) goes once it can.
            versions.reEncryptIfOlder();
            return false;
        }
        status.sending();
        return true;
    }

    /**
     * The server is overloaded and did not take what this tab sent: it is neither stored nor acknowledged, and the
     * connection stays open. A refused item is held and sent again, as it is, after the wait ({@link RetryWait});
     * what was typed meanwhile follows it. A refused snapshot confirmation is not sent again: the updates it would
     * let go stay until another reader confirms, or the retention time passes.
     */
    private void onRetryAfter(Frame.RetryAfter retry) {
        if (!retry.refusedAnItem()) {
            return;
        }
        NoteItem held = outbox.holdForRetry();
        if (held == null) {
            return;
        }
        retries.start(held, retry.delayMillis());
        status.busy(retries.lasting());
    }

    private void resendAfterWait() {
        if (outbox.resendHeld()) {
            sends.markRan();
            status.busy(retries.lasting());
        } else {
            sends.request();
        }
    }

    /** The person paused after editing (the engine calls this 10 s after the last edit): a version is kept. */
    void onIdle() {
        versions.onIdle();
    }

    /** Asks the server for the newest versions; they arrive through {@link NoteView#showHistory}. */
    public void requestHistory() {
        versions.requestBefore(state.latestRevision + 1);
    }

    /** Asks for the versions older than {@code revision}, the oldest one listed so far. */
    public void requestHistoryBefore(long revision) {
        versions.requestBefore(revision);
    }

    // --- From the server -------------------------------------------------------------------------------------

    /** Handles one frame from the relay; then sends whatever waits, when paced, and keeps the local copy current. */
    public void onFrame(byte[] bytes) {
        if (state.rejoining || state.sessionEnded) {
            // From a connection this reader asked to replace (the new one brings the whole history), or one whose
            // session ended: nothing more is taken from it.
            return;
        }
        editor.remember();
        frames.onFrame(bytes);
        presence.positions().afterFrame();
        sends.request();
        local.afterFrame();
    }

    private void showText() {
        editor.show();
        presence.show();
        comments.show();
    }

    private void onCaughtUp() {
        presence.positions().onCaughtUp();
        markLoaded();
        if (state.loaded) {
            showText();
        }
        versions.reEncryptIfOlder();
    }

    private void markLoaded() {
        if (state.unreadable || state.sessionEnded) {
            return; // stays read-only: nothing may be written on top of what could not be read
        }
        if (!state.loaded) {
            state.loaded = true;
            showText();
            state.view.setEditable(!state.readOnly);
        }
        if (outbox.isIdle()) {
            status.settled();
        }
    }
}
