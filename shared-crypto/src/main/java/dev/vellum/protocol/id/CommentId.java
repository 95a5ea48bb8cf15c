package dev.vellum.protocol.id;

import dev.vellum.crypto.random.RandomSource;
import org.bouncycastle.util.encoders.Hex;

/**
 * Names one comment, thread or thread-state record of a note. Random and 128 bits long, chosen by the author's
 * device; a thread is named by the id of its first comment. {@link #ZERO} stands for "none" (a thread's first comment
 * has no parent).
 */
public final class CommentId extends Id128 {
    /** The all-zero id: no comment (the parent of a thread's first comment and of a thread-state record). */
    public static final CommentId ZERO = new CommentId(new byte[LENGTH]);

    private CommentId(byte[] bytes) {
        super(bytes);
    }

    /** A fresh id; never {@link #ZERO} (redrawn in the 2^-128 case, so "none" cannot be drawn by chance). */
    public static CommentId random(RandomSource random) {
        CommentId id;
        do {
            id = new CommentId(random.randomBytes(LENGTH));
        } while (id.isZero());
        return id;
    }

    public static CommentId fromBytes(byte[] bytes) {
        return new CommentId(bytes);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** Lowercase hex of the 16 bytes: a stable key for maps and DOM ids. */
    public String toHex() {
        return Hex.toHexString(toBytes());
    }
}
