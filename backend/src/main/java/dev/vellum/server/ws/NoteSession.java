package dev.vellum.server.ws;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.InvalidSignatureException;
import dev.vellum.crypto.UnsupportedVersionException;
import dev.vellum.protocol.IdentityKeyId;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.RevisionHeader;
import dev.vellum.protocol.WorkspaceId;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.protocol.wire.UnknownFrameTypeException;
import dev.vellum.server.ServerConfig;
import dev.vellum.server.store.RevisionStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's connection to one note: sends the note's stored history on join, then checks, stores and relays
 * each revision it publishes. Every frame is parsed into a typed value or refused with an error frame; nothing
 * half-parsed is stored. Content is never logged: only ids, sizes and error codes.
 */
final class NoteSession {
    private static final Logger LOG = Logger.getLogger(NoteSession.class.getName());

    /** RFC 6455 close codes. */
    static final short CLOSE_UNSUPPORTED_DATA = 1003;
    static final short CLOSE_POLICY_VIOLATION = 1008;
    static final short CLOSE_MESSAGE_TOO_BIG = 1009;

    private final ServerWebSocket socket;
    private final NoteId noteId;
    private final RevisionStore store;
    private final NoteRelay relay;
    private final int maxFrameBytes;
    private final FrameRateLimiter rateLimiter;
    private final String sessionId = UUID.randomUUID().toString();
    private MessageConsumer<Buffer> subscription;
    private boolean closing;

    NoteSession(ServerWebSocket socket, NoteId noteId, RevisionStore store, NoteRelay relay, ServerConfig config) {
        this.socket = socket;
        this.noteId = noteId;
        this.store = store;
        this.relay = relay;
        this.maxFrameBytes = config.maxFrameBytes();
        this.rateLimiter = new FrameRateLimiter(config.framesPerSecond(), System.nanoTime());
    }

    void start() {
        socket.binaryMessageHandler(this::onBinary);
        socket.textMessageHandler(text -> refuseAndClose(ErrorCode.EXPECTED_BINARY,
                "text frames are not part of the protocol", CLOSE_UNSUPPORTED_DATA));
        socket.exceptionHandler(failure -> LOG.fine(() -> "socket error on note " + noteId + ": " + failure));
        socket.closeHandler(closed -> {
            if (subscription != null) {
                subscription.unregister();
            }
        });
        // Subscribe before reading the history, so nothing stored in between is missed; a revision relayed in that
        // moment may then arrive twice, which the client ignores.
        subscription = relay.join(noteId, sessionId, this::send);
        subscription.completion()
                .compose(registered -> store.history(noteId))
                .onSuccess(history -> sendHistory(history, 0))
                .onFailure(failure -> {
                    LOG.log(Level.WARNING, "could not load note " + noteId, failure);
                    refuseAndClose(ErrorCode.STORAGE_FAILURE, "could not load the note", (short) 1011);
                });
    }

    /**
     * Sends the history from {@code index} on, pausing whenever the socket's queue is full and going on when it
     * drains: a long history reaches a slow reader instead of being cut off as "too slow".
     */
    private void sendHistory(List<EncryptedRevision> history, int index) {
        for (int i = index; i < history.size(); i++) {
            if (closing || socket.isClosed()) {
                return;
            }
            if (socket.writeQueueFull()) {
                int resumeAt = i;
                socket.drainHandler(drained -> {
                    socket.drainHandler(null);
                    sendHistory(history, resumeAt);
                });
                return;
            }
            socket.writeBinaryMessage(Buffer.buffer(FrameCodec.encode(new Frame.Revision(history.get(i)))));
        }
        long latest = history.isEmpty() ? 0 : history.get(history.size() - 1).header().revision();
        send(FrameCodec.encode(new Frame.CaughtUp(latest)));
    }

    private void onBinary(Buffer message) {
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
            onPublish(publish.revision());
        } else if (frame instanceof Frame.Presence presence) {
            // Ephemeral: relayed as it came, never stored; the rate limit above bounds it like any frame.
            relay.publish(noteId, sessionId, Buffer.buffer(FrameCodec.encode(presence)));
        } else {
            refuse(ErrorCode.UNEXPECTED_FRAME, "clients may only publish revisions and presence");
        }
    }

    private void onPublish(EncryptedRevision revision) {
        RevisionHeader header = revision.header();
        if (!header.noteId().equals(noteId)) {
            refuse(ErrorCode.NOTE_MISMATCH, "this connection is for note " + noteId);
            return;
        }
        if (!header.workspaceId().equals(WorkspaceId.LINK_SHARED) || header.keyEpoch() != 0
                || !header.authorKeyId().equals(IdentityKeyId.ANONYMOUS)) {
            refuse(ErrorCode.UNSUPPORTED_WORKSPACE, "workspaces, key epochs and author keys are not supported yet");
            return;
        }
        try {
            // Only the holder of the link can sign for its note: without this, anyone who learned a note id
            // could bury the note under revisions nobody can read.
            revision.verifyWriter();
        } catch (InvalidSignatureException e) {
            refuse(ErrorCode.INVALID_SIGNATURE, e.getMessage());
            return;
        }
        store.append(revision).onComplete(appended -> {
            if (appended.failed()) {
                LOG.log(Level.WARNING, "could not store revision " + header.revision() + " of note " + noteId,
                        appended.cause());
                refuse(ErrorCode.STORAGE_FAILURE, "the revision was not stored; retry later");
                return;
            }
            switch (appended.result()) {
                case STORED -> {
                    send(FrameCodec.encode(new Frame.Accepted(header.revision())));
                    relay.publish(noteId, sessionId, Buffer.buffer(FrameCodec.encode(new Frame.Revision(revision))));
                }
                case STALE -> refuse(ErrorCode.STALE_REVISION,
                        "revision " + header.revision() + " is not the next one of this note");
            }
        });
    }

    private void refuse(ErrorCode code, String message) {
        LOG.fine(() -> "refused frame on note " + noteId + ": " + code);
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
     * Writes a frame, unless the client has stopped reading: a peer that lets its queue fill on a busy note would
     * otherwise make the server buffer without bound, so it is disconnected instead.
     */
    private void send(Buffer frame) {
        if (closing || socket.isClosed()) {
            return;
        }
        if (socket.writeQueueFull()) {
            closing = true;
            LOG.fine(() -> "closing a connection to note " + noteId + " that reads too slowly");
            socket.close(CLOSE_POLICY_VIOLATION, "client reads too slowly");
            return;
        }
        socket.writeBinaryMessage(frame);
    }

    private void send(byte[] frame) {
        send(Buffer.buffer(frame));
    }
}
