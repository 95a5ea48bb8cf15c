package dev.vellum.protocol.id;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

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

    /**
     * The id a note with this write key must have: the first 16 bytes of
     * {@code SHA-256("vellum/v1/note/id" || write public key)}. So the id commits to the write key, and the server,
     * which sees only ids and public keys, can refuse any item not signed by a holder of the note's link.
     */
    public static NoteId ofWriteKey(Ed25519PublicKey writeKey) {
        return new NoteId(Arrays.copyOf(Sha256.labeled(Label.NOTE_ID, writeKey.toBytes()), LENGTH));
    }

    /** Parses the 22-character form used in URLs; anything else is rejected. */
    public static NoteId parse(String text) throws InvalidMessageException {
        return new NoteId(Base64Url.decode(text, LENGTH));
    }
}
