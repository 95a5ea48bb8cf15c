package dev.vellum.protocol.comment;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.encoding.Utf8;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * Where a thread is: the CRDT ids of the first and the last character of the selection it was started on (inclusive),
 * and a quote of the selected text as it was then. The ids move with the text as anyone edits; the quote is what a
 * detached thread (its text deleted) shows. How a reader turns the ids into a range is the client's CRDT's to say
 * (see docs/protocol.md, "Comments").
 *
 * <p>Encoded inside a {@link CommentRecord} as {@code start replica length (1, 1 to 255) || replica || start clock
 * (4) || end replica length (1) || replica || end clock (4) || quote length (2, at most 600) || UTF-8 quote}.
 */
public final class CommentAnchor {
    /** A replica id's largest size, as the text CRDT allows. */
    public static final int MAX_REPLICA_LENGTH = 255;
    /** The quote's largest size in UTF-16 units, as cut by {@link #CommentAnchor}. */
    public static final int MAX_QUOTE_UNITS = 200;
    /** The quote's largest size in bytes of UTF-8. */
    public static final int MAX_QUOTE_BYTES = 600;
    /** The largest encoded anchor. */
    public static final int MAX_ENCODED_LENGTH = 2 * (1 + MAX_REPLICA_LENGTH + 4) + 2 + MAX_QUOTE_BYTES;

    private final byte[] startReplica;
    private final int startClock;
    private final byte[] endReplica;
    private final int endClock;
    private final String quote;

    /**
     * @param quote the selected text; cut here to {@link #MAX_QUOTE_UNITS} UTF-16 units (at a code point boundary)
     *     and {@link #MAX_QUOTE_BYTES} bytes, with unpaired surrogates replaced by U+FFFD, so callers may pass the
     *     whole selection
     * @throws IllegalArgumentException if a replica id is empty or longer than 255 bytes, or a clock is negative
     */
    public CommentAnchor(byte[] startReplica, int startClock, byte[] endReplica, int endClock, String quote) {
        checkReplica(startReplica, "start");
        checkReplica(endReplica, "end");
        if (startClock < 0 || endClock < 0) {
            throw new IllegalArgumentException("a character's clock is not negative");
        }
        if (quote == null) {
            throw new NullPointerException("quote");
        }
        this.startReplica = startReplica.clone();
        this.startClock = startClock;
        this.endReplica = endReplica.clone();
        this.endClock = endClock;
        this.quote = CommentText.prefix(CommentText.wellFormed(quote), MAX_QUOTE_UNITS, MAX_QUOTE_BYTES);
    }

    private static void checkReplica(byte[] replica, String which) {
        if (replica.length < 1 || replica.length > MAX_REPLICA_LENGTH) {
            throw new IllegalArgumentException("the " + which + " character's replica id is 1 to "
                    + MAX_REPLICA_LENGTH + " bytes, not " + replica.length);
        }
    }

    /** The replica id of the selection's first character. */
    public byte[] startReplica() {
        return startReplica.clone();
    }

    /** That replica's clock at the selection's first character. */
    public int startClock() {
        return startClock;
    }

    /** The replica id of the selection's last character. */
    public byte[] endReplica() {
        return endReplica.clone();
    }

    /** That replica's clock at the selection's last character. */
    public int endClock() {
        return endClock;
    }

    /** The selected text when the thread was started, cut as the constructor says. */
    public String quote() {
        return quote;
    }

    void writeTo(ByteWriter out) {
        out.writeBytesWithByteLength(startReplica, MAX_REPLICA_LENGTH).writeInt(startClock)
                .writeBytesWithByteLength(endReplica, MAX_REPLICA_LENGTH).writeInt(endClock);
        byte[] quoteBytes = Utf8.encode(quote);
        out.writeShort(quoteBytes.length).writeBytes(quoteBytes);
    }

    /** Reads an anchor as {@link #writeTo} wrote it, refusing any that the constructor would not have made. */
    static CommentAnchor readFrom(ByteReader in) throws InvalidMessageException {
        byte[] startReplica = in.readBytesWithByteLength(MAX_REPLICA_LENGTH, "anchor start replica");
        int startClock = in.readInt("anchor start clock");
        byte[] endReplica = in.readBytesWithByteLength(MAX_REPLICA_LENGTH, "anchor end replica");
        int endClock = in.readInt("anchor end clock");
        int quoteLength = in.readUnsignedShort("anchor quote length");
        if (quoteLength > MAX_QUOTE_BYTES) {
            throw new InvalidMessageException("a comment's quote is at most " + MAX_QUOTE_BYTES + " bytes, not "
                    + quoteLength);
        }
        String quote = CommentText.decode(in.readBytes(quoteLength, "anchor quote"), "comment's quote");
        if (startReplica.length == 0 || endReplica.length == 0) {
            throw new InvalidMessageException("a comment's anchor names characters by non-empty replica ids");
        }
        if (startClock < 0 || endClock < 0) {
            throw new InvalidMessageException("a comment's anchor names characters by clocks that are not negative");
        }
        if (quote.length() > MAX_QUOTE_UNITS) {
            throw new InvalidMessageException("a comment's quote is at most " + MAX_QUOTE_UNITS + " UTF-16 units");
        }
        return new CommentAnchor(startReplica, startClock, endReplica, endClock, quote);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommentAnchor that && startClock == that.startClock && endClock == that.endClock
                && Arrays.equals(startReplica, that.startReplica) && Arrays.equals(endReplica, that.endReplica)
                && quote.equals(that.quote);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(startReplica) + startClock) + Arrays.hashCode(endReplica)) + endClock;
    }

    /** Names the characters only: the quote is note text, which never belongs in a log. */
    @Override
    public String toString() {
        return "CommentAnchor[" + startClock + ".." + endClock + ", quote of " + quote.length() + " units]";
    }
}
