package dev.vellum.protocol;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;

/** Names one note (document). Random and 128 bits long, so it cannot be guessed; it is not a secret. */
public final class NoteId extends Id128 {
    private NoteId(byte[] bytes) {
        super(bytes);
    }

    public static NoteId random(RandomSource random) {
        return new NoteId(random.randomBytes(LENGTH));
    }

    public static NoteId fromBytes(byte[] bytes) {
        return new NoteId(bytes);
    }

    /** Parses the 22-character form used in URLs; anything else is rejected. */
    public static NoteId parse(String text) throws InvalidMessageException {
        return new NoteId(Base64Url.decode(text, LENGTH));
    }
}
