package dev.vellum.client.crdt;

/**
 * One change to a text, in terms of character identities rather than positions, so it means the same thing on
 * every replica whatever else has happened there.
 */
public sealed interface TextOp {
    /**
     * A run of characters typed one after another by {@code replica}, with clocks {@code clock ..
     * clock + text.length() - 1}. {@code left} is the character it was typed after and {@code right} the one that
     * followed at the time; null means the start or the end of the document.
     */
    record Insert(ReplicaId replica, int clock, CharId left, CharId right, String text) implements TextOp {
        public Insert {
            if (replica == null || text == null || text.isEmpty() || clock < 0) {
                throw new IllegalArgumentException("an insert has a replica, a clock and some text");
            }
        }
    }

    /** Deletes the characters with clocks {@code clock .. clock + length - 1} that {@code replica} inserted. */
    record Delete(ReplicaId replica, int clock, int length) implements TextOp {
        public Delete {
            if (replica == null || clock < 0 || length < 1) {
                throw new IllegalArgumentException("a delete names at least one character");
            }
        }
    }
}
