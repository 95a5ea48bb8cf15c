package dev.vellum.protocol.wire;

import dev.vellum.protocol.EncryptedRevision;

/**
 * A WebSocket message between a client and the relay. Every frame is binary: one type byte, then the body.
 * {@link FrameCodec} turns frames into bytes and back.
 */
public sealed interface Frame {
    /** Client to server: store this revision and relay it to the note's other readers. */
    record Publish(EncryptedRevision revision) implements Frame {
    }

    /** Server to client: a stored revision, from the note's history on joining or just published by someone else. */
    record Revision(EncryptedRevision revision) implements Frame {
    }

    /**
     * Either way: where a person's caret is, sealed with the note's key so the server sees only bytes. Relayed to the
     * note's other readers and never stored.
     */
    record Presence(byte[] sealed) implements Frame {
        public static final int MAX_LENGTH = 1024;

        public Presence {
            sealed = sealed.clone();
        }

        @Override
        public byte[] sealed() {
            return sealed.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Presence presence && java.util.Arrays.equals(sealed, presence.sealed);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(sealed);
        }

        @Override
        public String toString() {
            return "Presence[" + sealed.length + " bytes]";
        }
    }

    /** Server to client: your revision with this number is stored. */
    record Accepted(long revision) implements Frame {
    }

    /** Server to client, on joining: the whole stored history has been sent; its last revision number (0: none). */
    record CaughtUp(long latestRevision) implements Frame {
    }

    /** Server to client: your last frame was refused, and why. */
    record Error(ErrorCode code, String message) implements Frame {
    }
}
