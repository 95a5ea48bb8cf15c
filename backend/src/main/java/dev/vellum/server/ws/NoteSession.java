package dev.vellum.server.ws;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.SignedPresence;
import dev.vellum.protocol.item.SnapshotConfirmation;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.relay.AppendRefusal;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.HistoryPages;
import dev.vellum.protocol.relay.JoinPager;
import dev.vellum.protocol.relay.RelayRules;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.protocol.wire.UnknownFrameTypeException;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.config.StorageLimits;
import dev.vellum.server.ops.RelayMetrics;
import dev.vellum.server.quota.ConnectionQuota;
import dev.vellum.server.store.NoteItemStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to one note: sends what the client lacks on join (the latest snapshot and the items
 * after it), then checks, stores and relays each item it publishes, and answers requests for the note's versions.
 * Every frame is parsed into a typed value or refused with an error frame; nothing half-parsed is stored. Content is
 * never logged: only ids, sizes and error codes.
 */
final class NoteSession {
    private static final Logger LOG = LoggerFactory.getLogger(NoteSession.class);

    /** RFC 6455 close codes. */
    static final short CLOSE_UNSUPPORTED_DATA = 1003;
    static final short CLOSE_POLICY_VIOLATION = 1008;
    static final short CLOSE_MESSAGE_TOO_BIG = 1009;
    /** Private-use close code (RFC 6455 4000-4999): the socket's session ended (logout, revocation, deletion). */
    public static final short CLOSE_SESSION_ENDED = 4401;
    public static final String SESSION_ENDED_REASON = "session ended";
    /** Private-use close code: the socket's account was removed from the note's workspace. */
    public static final short CLOSE_REMOVED = 4403;
    public static final String REMOVED_REASON = "removed";
    /**
     * Presence one connection may send per second, bursts up to twice that; the rest is dropped without a word. A
     * client sends at most 4 a second (caret moves) plus a heartbeat every 10 s.
     */
    static final int PRESENCE_PER_SECOND = 5;

    private final ServerWebSocket socket;
    private final NoteId noteId;
    private final NoteItemStore store;
    private final long since;
    private final NoteRelay relay;
    private final SignatureChecks signatureChecks;
    private final int maxFrameBytes;
    private final int framesPerSecond;
    private final FrameRateLimiter rateLimiter;
    private final FrameRateLimiter presenceLimiter;
    private final SocketOutbox outbox;
    private final ConnectionQuota quota;
    private final StorageLimits limits;
    private final SocketAccount account;
    /** The note's workspace; {@code null} for a note shared by link. */
    private final WorkspaceNote workspace;
    private final RelayMetrics metrics;
    /** This connection's writes held by the server, and whether it was told to retry later ({@link WriteGate}). */
    private final WriteGate.Lane writes;
    /**
     * The last item's admission check: each waits for the one before, so that a check answered from the cache does
     * not overtake one waiting for the database, and an author's items reach the store in the order sent.
     */
    private Future<?> admissions = Future.succeededFuture();
    /** The note has items: known from the join, or once an item of this connection is stored. */
    private boolean noteExists;
    private final String sessionId = UUID.randomUUID().toString();
    private MessageConsumer<Buffer> subscription;
    private boolean closing;
    /** A version listing is being answered: one at a time, so a client cannot pile them up. */
    private boolean listingVersions;
    /** Relayed revisions for a reader that asked for compact ones; null: it reads full ones. */
    private final CompactRelayedRevisions compact;
    /** Bytes of the message being received, over its fragments so far. */
    private long messageBytes;

    /** @param since the last revision the client has applied without gaps (0: none) */
    NoteSession(ServerWebSocket socket, NoteId noteId, long since, NoteItemStore store, NoteRelay relay,
                SignatureChecks signatureChecks, ServerConfig config, OutboxBudget budget, ConnectionQuota quota,
                SocketAccount account, WorkspaceNote workspace, RelayMetrics metrics, WriteGate writeGate,
                boolean compact) {
        this.compact = compact ? new CompactRelayedRevisions(noteId) : null;
        this.metrics = metrics;
        this.writes = writeGate.lane();
        this.account = account;
        this.workspace = workspace;
        this.outbox = new SocketOutbox(socket, budget);
        this.quota = quota;
        this.limits = config.storageLimits();
        this.socket = socket;
        this.noteId = noteId;
        this.since = since;
        this.store = store;
        this.relay = relay;
        this.signatureChecks = signatureChecks;
        this.maxFrameBytes = config.maxFrameBytes();
        this.framesPerSecond = config.framesPerSecond();
        this.rateLimiter = new FrameRateLimiter(config.framesPerSecond(), System.nanoTime());
        this.presenceLimiter = new FrameRateLimiter(PRESENCE_PER_SECOND, System.nanoTime());
    }

    void start() {
        socket.binaryMessageHandler(this::onBinary);
        socket.frameHandler(this::onFrame);
        socket.textMessageHandler(text -> refuseAndClose(ErrorCode.EXPECTED_BINARY,
                "text frames are not part of the protocol", CLOSE_UNSUPPORTED_DATA));
        socket.exceptionHandler(failure -> LOG.debug("socket error on note {}: {}", noteId, failure.toString()));
        if (account.session() != null) {
            account.sockets().add(this);
        }
        metrics.socketOpened();
        relay.opened(this);
        socket.closeHandler(closed -> {
            relay.closed(this);
            writes.closed(); // a retry slot it was promised goes back to the queue
            metrics.socketClosed();
            account.sockets().remove(this);
            outbox.close();
            if (subscription != null) {
                subscription.unregister();
            }
        });
        // First, before anything else: this server's limits, so the client can pace itself rather than be closed.
        send(FrameCodec.encode(new Frame.ServerHello(maxFrameBytes, framesPerSecond)));
        // Subscribe before reading the history, so nothing stored in between is missed; an item relayed in that
        // moment may then arrive twice, which the client ignores.
        subscription = relay.join(noteId, sessionId, this::onRelayed);
        subscription.completion()
                .compose(registered -> store.openJoin(noteId, since))
                .onSuccess(this::sendJoinPage)
                .onFailure(this::joinFailed);
    }

    /**
     * Reads the join's next page on the worker pool and queues its frames; the page after is read only once this
     * one has been written out, so a joiner holds at most a page in memory, however large the note.
     */
    private void sendJoinPage(JoinPager pager) {
        noteExists |= pager.latestRevision() > 0;
        if (closing || socket.isClosed()) {
            return;
        }
        store.nextJoinPage(pager).onSuccess(page -> {
            sendAll(HistoryPages.page(page, pager.latestRevision()));
            if (!page.last()) {
                outbox.whenWrittenOut(() -> sendJoinPage(pager));
            }
        }).onFailure(this::joinFailed);
    }

    private void joinFailed(Throwable failure) {
        LOG.warn("could not load note {}", noteId, failure);
        refuseAndClose(ErrorCode.STORAGE_FAILURE, "could not load the note", (short) 1011);
    }

    /**
     * Queues frames for this client in order and writes them as fast as the socket takes them, going on when it
     * drains: a long history or a page of large versions reaches a slow reader instead of being cut off, and
     * frames relayed meanwhile wait their turn behind it.
     */
    private void sendAll(List<byte[]> frames) {
        for (byte[] frame : frames) {
            send(frame);
        }
    }

    /**
     * Counts a message's size over its fragments, so that one sent in many small frames is refused as soon as it
     * passes the limit: past Vert.x's own limit (twice ours) it would otherwise be dropped without a word.
     */
    private void onFrame(WebSocketFrame frame) {
        if (frame.isContinuation()) {
            messageBytes += frame.binaryData().length();
        } else if (frame.isBinary() || frame.isText()) {
            messageBytes = frame.binaryData().length();
        } else {
            return;
        }
        if (messageBytes > maxFrameBytes) {
            refuseAndClose(ErrorCode.FRAME_TOO_LARGE, "the message, counted over its fragments, exceeds the limit of "
                    + maxFrameBytes, CLOSE_MESSAGE_TOO_BIG);
        }
    }

    private void onBinary(Buffer message) {
        metrics.frameReceived();
        if (closing) {
            return;
        }
        if (!rateLimiter.tryAcquire(System.nanoTime())) {
            refuseAndClose(ErrorCode.RATE_LIMITED, "more frames than the server accepts per second",
                    CLOSE_POLICY_VIOLATION);
            return;
        }
        if (message.length() > maxFrameBytes) {
            refuseAndClose(ErrorCode.FRAME_TOO_LARGE,
                    message.length() + " bytes exceeds the limit of " + maxFrameBytes, CLOSE_MESSAGE_TOO_BIG);
            return;
        }
        Frame frame;
        try {
            frame = FrameCodec.decode(message.getBytes());
        } catch (UnknownFrameTypeException e) {
            refuse(ErrorCode.UNKNOWN_FRAME_TYPE, e.getMessage());
            return;
        } catch (UnsupportedVersionException e) {
            refuse(ErrorCode.UNSUPPORTED_VERSION, e.getMessage());
            return;
        } catch (InvalidMessageException e) {
            refuse(ErrorCode.MALFORMED_FRAME, e.getMessage());
            return;
        }
        if (frame instanceof Frame.Publish publish) {
            int bytes = publish.item().length();
            if (taken(Frame.RetryAfter.PUBLISH_TYPE, bytes)) {
                onPublish(publish.item()).onComplete(answered -> writes.finished(bytes));
            }
        } else if (frame instanceof Frame.HistoryRequest request) {
            onHistoryRequest(request);
        } else if (frame instanceof Frame.Presence presence) {
            onPresence(presence);
        } else if (frame instanceof Frame.ConfirmSnapshot confirm) {
            int bytes = message.length();
            if (taken(Frame.RetryAfter.CONFIRM_SNAPSHOT_TYPE, bytes)) {
                onConfirmSnapshot(confirm.confirmation()).onComplete(answered -> writes.finished(bytes));
            }
        } else {
            refuse(ErrorCode.UNEXPECTED_FRAME,
                    "clients may only publish items, presence and confirmations, and ask for versions");
        }
    }

    /**
     * Whether the server takes this write now ({@link WriteGate}); if not, the client is told to send it again later
     * ({@link Frame.RetryAfter}), and nothing of it is kept.
     */
    private boolean taken(int frameType, int bytes) {
        int delayMillis = writes.tryTake(bytes);
        if (delayMillis == 0) {
            return true;
        }
        LOG.debug("write on note {} refused for {} ms: the server is busy", noteId, delayMillis);
        metrics.errorSent(ErrorCode.RETRY_AFTER);
        send(FrameCodec.encode(new Frame.RetryAfter(frameType, delayMillis,
                "the server is busy; send it again in " + delayMillis + " ms")));
        return false;
    }

    /** Handles a published item; completes once it is answered (stored, refused, or dropped with the connection). */
    private Future<Void> onPublish(NoteItem item) {
        UpdateHeader header = item.header();
        if (!header.documentId().equals(noteId)) {
            refuse(ErrorCode.NOTE_MISMATCH, "this connection is for note " + noteId);
            return Future.succeededFuture();
        }
        if (workspace != null) {
            return onWorkspacePublish(item);
        }
        if (!header.workspaceId().equals(WorkspaceId.LINK_SHARED) || header.keyEpoch() != 0) {
            refuse(ErrorCode.UNSUPPORTED_WORKSPACE, "workspaces and key epochs are not supported yet");
            return Future.succeededFuture();
        }
        // Only the holder of the link can sign for its note: without this, anyone who learned a note id could
        // bury the note under items nobody can read. The author's signature makes each item theirs alone. Checked
        // on the verifying workers, in parallel with other items; taken in the order items came.
        Future<Void> verified = signatureChecks.verify(item, false);
        DeviceCertificate credential = item.credential();
        // Signed by an account's device: admitted by the device directory too.
        Future<ErrorCode> admitted = admissions.transform(previous -> verified.compose(valid -> credential == null
                ? Future.<ErrorCode>succeededFuture(null)
                : account.devices().check(credential, account.session())));
        admissions = admitted;
        return admitted.transform(checked -> {
            if (closing || socket.isClosed()) {
                return Future.succeededFuture();
            }
            if (checked.failed() && checked.cause() instanceof InvalidSignatureException invalid) {
                refuse(ErrorCode.INVALID_SIGNATURE, invalid.getMessage());
            } else if (checked.failed()) {
                LOG.warn("could not check an item's device on note {}", noteId, checked.cause());
                refuse(ErrorCode.STORAGE_FAILURE, "the item's device could not be checked; retry later");
            } else if (checked.result() != null) {
                refuse(checked.result(), checked.result().description());
            } else {
                return store(item);
            }
            return Future.succeededFuture();
        });
    }

    /**
     * An item of a workspace note: it names the note's workspace, carries valid signatures (with the carried write
     * key: {@link NoteItem#verifyForWorkspaceStorage}, since a workspace note's id commits to no key), comes from
     * this session's registered device, and its author is, at the moment it is stored, a member who may publish
     * it ({@link WorkspaceNote#mayPublish}: writers anything, viewers comments), under the workspace's current
     * epoch. Checked in the order items came, like device checks, so an author's items reach the store in the order
     * sent.
     */
    private Future<Void> onWorkspacePublish(NoteItem item) {
        UpdateHeader header = item.header();
        if (!header.workspaceId().equals(workspace.workspaceId())) {
            refuse(ErrorCode.NOTE_MISMATCH, "this note belongs to workspace " + workspace.workspaceId());
            return Future.succeededFuture();
        }
        Future<Void> verified = signatureChecks.verify(item, true);
        DeviceCertificate credential = item.credential();
        Future<ErrorCode> admitted = admissions.transform(previous -> verified.compose(valid -> account.devices()
                .check(credential, account.session()).compose(refused -> refused != null
                        ? Future.succeededFuture(refused)
                        : workspace.store().standing(workspace.workspaceId(), noteId, account.session().accountId())
                        .map(standing -> {
                            if (standing.isEmpty()) {
                                return ErrorCode.NOT_A_MEMBER;
                            }
                            if (!WorkspaceNote.mayPublish(standing.get().role(), item.kind())) {
                                return ErrorCode.READ_ONLY;
                            }
                            return header.keyEpoch() == standing.get().currentEpoch() ? null
                                    : ErrorCode.UNSUPPORTED_WORKSPACE;
                        }))));
        admissions = admitted;
        return admitted.transform(checked -> {
            if (closing || socket.isClosed()) {
                return Future.succeededFuture();
            }
            if (checked.failed() && checked.cause() instanceof InvalidSignatureException invalid) {
                refuse(ErrorCode.INVALID_SIGNATURE, invalid.getMessage());
            } else if (checked.failed()) {
                LOG.warn("could not check an item's author on note {}", noteId, checked.cause());
                refuse(ErrorCode.STORAGE_FAILURE, "the item's author could not be checked; retry later");
            } else if (checked.result() == ErrorCode.UNSUPPORTED_WORKSPACE) {
                refuse(ErrorCode.UNSUPPORTED_WORKSPACE, "the item is sealed under epoch " + header.keyEpoch()
                        + ", not the workspace's current one; fetch the new key");
            } else if (checked.result() != null) {
                refuse(checked.result(), checked.result().description());
            } else {
                return store(item);
            }
            return Future.succeededFuture();
        });
    }

    /**
     * A reader's confirmation that a stored snapshot is right ({@link RelayRules#confirmationRefusal}): signed over
     * this note and that very item, by an author other than the snapshot's (another account for an account's
     * snapshot), whose certificate, if any, is a registered device of this session as for items, and who is a member
     * of a workspace note's workspace. Counted, it lets the snapshot's covered updates go. Checked in the order
     * frames came, behind items, so a confirmation never overtakes the items before it.
     */
    private Future<Void> onConfirmSnapshot(SnapshotConfirmation confirmation) {
        DeviceCertificate credential = confirmation.credential();
        Future<ErrorCode> admitted = admissions.transform(previous -> store.snapshotAt(noteId,
                confirmation.revision()).compose(snapshot -> {
                    String refusal = RelayRules.confirmationRefusal(noteId, snapshot, confirmation);
                    if (refusal != null) {
                        LOG.debug("confirmation refused on note {}: {}", noteId, refusal);
                        return Future.succeededFuture(ErrorCode.CONFIRMATION_REFUSED);
                    }
                    Future<ErrorCode> device = credential == null ? Future.succeededFuture(null)
                            : account.devices().check(credential, account.session());
                    return device.compose(refused -> refused != null || workspace == null
                            ? Future.succeededFuture(refused)
                            : workspace.store().standing(workspace.workspaceId(), noteId,
                                    account.session().accountId())
                                    .map(standing -> standing.isEmpty() ? ErrorCode.NOT_A_MEMBER : null));
                }).compose(refused -> refused != null ? Future.succeededFuture(refused)
                        // Recorded before the admissions move on, so an item sent after it is counted after it.
                        : store.confirm(noteId, confirmation.revision())
                                .map(found -> found ? null : ErrorCode.CONFIRMATION_REFUSED)));
        admissions = admitted;
        return admitted.onComplete(checked -> {
            if (closing || socket.isClosed()) {
                return;
            }
            if (checked.failed()) {
                LOG.warn("could not check or record a confirmation on note {}", noteId, checked.cause());
                refuse(ErrorCode.STORAGE_FAILURE, "the confirmation was not recorded; retry later");
            } else if (checked.result() != null) {
                refuse(checked.result(), checked.result().description());
            }
        }).transform(answered -> Future.succeededFuture());
    }

    /**
     * Takes the address's quotas, stores the item and relays it; everything before was checked. Completes once the
     * item is answered.
     */
    private Future<Void> store(NoteItem item) {
        // Quotas per address, taken before storing and given back if nothing is stored: bytes for every item, and a
        // new note for an item that may be a note's first (a note is created by its first item).
        int bytes = item.length();
        if (!quota.tryStore(bytes)) {
            refuse(ErrorCode.STORAGE_QUOTA_EXCEEDED, "this address has stored its "
                    + limits.storedBytesPerAddressPerHour() + " bytes for this hour; try again later");
            return Future.succeededFuture();
        }
        boolean mayCreate = !noteExists;
        if (mayCreate && !quota.tryCreateNote()) {
            quota.giveBackBytes(bytes);
            refuse(ErrorCode.NOTE_QUOTA_EXCEEDED, "this address has made its " + limits.notesPerAddressPerHour()
                    + " new notes for this hour; try again later");
            return Future.succeededFuture();
        }
        return metrics.timedAppend(() -> store.append(item)).onComplete(appended -> {
            long storedAs = appended.succeeded() && appended.result() instanceof AppendResult.Stored stored
                    ? stored.revision() : 0;
            if (storedAs == 0) {
                quota.giveBackBytes(bytes);
            }
            if (mayCreate && storedAs != 1) {
                quota.giveBackNote(); // the note existed already, or nothing was stored
            }
            noteExists |= storedAs > 0;
            if (appended.failed()) {
                LOG.warn("could not store an item of note {}", noteId, appended.cause());
                refuse(ErrorCode.STORAGE_FAILURE, "the item was not stored; retry later");
                return;
            }
            AppendResult result = appended.result();
            if (result instanceof AppendResult.Stored stored) {
                send(FrameCodec.encode(new Frame.Accepted(stored.revision())));
                relay.publish(noteId, sessionId,
                        Buffer.buffer(FrameCodec.encode(new Frame.Revision(stored.revision(), item))));
            } else {
                Frame.Error refusal = AppendRefusal.frameFor(result);
                refuse(refusal.code(), refusal.message());
            }
        }).transform(answered -> Future.succeededFuture());
    }

    /**
     * Relays presence from a holder of the note's link, never stored: over this connection's or the note's presence
     * budget it is dropped silently (before the signatures are checked, so a flood costs no verification);
     * otherwise it must parse as this note's {@link SignedPresence} and carry valid write and author signatures,
     * or it is refused with an error and the connection stays open. Whether it is fresh, only readers can tell.
     */
    private void onPresence(Frame.Presence presence) {
        if (!presenceLimiter.tryAcquire(System.nanoTime())) {
            return;
        }
        SignedPresence signed;
        try {
            signed = SignedPresence.parse(presence.sealed());
            if (!signed.noteId().equals(noteId)) {
                refuse(ErrorCode.NOTE_MISMATCH, "this connection is for note " + noteId);
                return;
            }
            if (workspace == null) {
                signed.verifyForRelay();
            } else {
                signed.verifyForWorkspaceRelay();
            }
        } catch (InvalidMessageException | InvalidSignatureException e) {
            refuse(ErrorCode.INVALID_PRESENCE, e.getMessage());
            return;
        }
        if (relay.admitPresence(noteId)) {
            relay.publish(noteId, sessionId, Buffer.buffer(FrameCodec.encode(presence)));
        }
    }

    /**
     * A frame another connection relayed to this note. Presence is worth nothing late and the next one replaces
     * it, so a reader that is behind ({@link SocketOutbox#isBehind}) gets none rather than have it queued.
     */
    private void onRelayed(Buffer frame) {
        boolean presence = frame.length() > 1
                && FrameCodec.isPresence(frame.getUnsignedByte(0), frame.getUnsignedByte(1));
        if (presence && outbox.isBehind()) {
            return;
        }
        send(compact == null || presence ? frame : compact.compacted(frame));
    }

    private void onHistoryRequest(Frame.HistoryRequest request) {
        if (listingVersions) {
            refuse(ErrorCode.HISTORY_UNAVAILABLE, "the last list of versions is still being sent");
            return;
        }
        listingVersions = true;
        store.snapshotsBefore(noteId, request.before(), request.limit()).onComplete(listed -> {
            listingVersions = false;
            if (listed.failed()) {
                LOG.warn("could not list versions of note {}", noteId, listed.cause());
                refuse(ErrorCode.HISTORY_UNAVAILABLE, "could not list the note's versions; retry later");
                return;
            }
            sendAll(HistoryPages.versions(listed.result(), request.limit()));
        });
    }

    /** The session this socket was opened with; {@code null} for an anonymous one. */
    ActiveSession accountSession() {
        return account.session();
    }

    /** The note's workspace; {@code null} for a note shared by link. */
    WorkspaceId workspaceId() {
        return workspace == null ? null : workspace.workspaceId();
    }

    /** The socket's account left the note's workspace: closes at once with {@link #CLOSE_REMOVED}. */
    void removedFromWorkspace() {
        if (closing || socket.isClosed()) {
            return;
        }
        closing = true;
        outbox.close();
        socket.close(CLOSE_REMOVED, REMOVED_REASON);
    }

    /** Another node left the cluster: closes with {@link NoteRelay#CLOSE_NODE_LEFT}, so the client catches up. */
    void catchUpAfterNodeLoss() {
        if (closing || socket.isClosed()) {
            return;
        }
        closing = true;
        outbox.close();
        socket.close(NoteRelay.CLOSE_NODE_LEFT, "a server node left; reconnect");
    }

    /** The session ended (logout, revocation, deletion): closes at once with {@link #CLOSE_SESSION_ENDED}. */
    void endSession() {
        if (closing || socket.isClosed()) {
            return;
        }
        closing = true;
        outbox.close();
        socket.close(CLOSE_SESSION_ENDED, SESSION_ENDED_REASON);
    }

    private void refuse(ErrorCode code, String message) {
        LOG.debug("refused frame on note {}: {}", noteId, code);
        metrics.errorSent(code);
        send(FrameCodec.encode(new Frame.Error(code, message)));
    }

    private void refuseAndClose(ErrorCode code, String message, short closeCode) {
        if (closing) {
            return;
        }
        refuse(code, message);
        closing = true;
        socket.close(closeCode, code.name().toLowerCase() + ": " + message);
    }

    /**
     * Queues a frame for this client, unless it has stopped reading ({@link SocketOutbox#offer}): then it is
     * disconnected instead of buffered for, and reconnects to ask for what it lacks.
     */
    private void send(Buffer frame) {
        if (closing || socket.isClosed()) {
            return;
        }
        metrics.frameSent();
        if (!outbox.offer(frame)) {
            closing = true;
            outbox.close();
            LOG.debug("closing a connection to note {} that reads too slowly", noteId);
            socket.close(CLOSE_POLICY_VIOLATION, "client reads too slowly");
        }
    }

    private void send(byte[] frame) {
        send(Buffer.buffer(frame));
    }
}
