package dev.vellum.protocol.wire;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import java.util.Arrays;

/**
 * The compact form of a relayed {@link Frame.Revision} (frame type {@value #TYPE}, see docs/protocol.md, "Compact
 * revisions"), for one connection: one instance at each end, the server's encoding and the client's decoding, each
 * fed the same frames in the same order, so both hold the same state. A compact frame leaves out what the reader can
 * rebuild byte for byte from the compact frames it already received on this connection: the author's keys, key id
 * and certificate (sent once, then named by a slot), the note's context (workspace id, document id, key epoch and
 * write key, sent when they change), the author's sequence and previous hash when the item continues that author's
 * last compact item, the fixed version bytes, the coverage of anything but a snapshot and the body length.
 *
 * <p>The reader rebuilds the complete item the author and the write key signed and parses it as any other; every
 * check a reader makes (signatures over the whole item, chain, epoch, author) then runs on the rebuilt bytes. Nothing
 * is trusted for having been left out: a compact frame decodes to exactly one full item, which the server could as
 * well have sent in a Revision frame, so a server that sends wrong context makes an item whose signature fails, as a
 * tampered full item does.
 *
 * <p>The state is bounded: {@value #AUTHOR_SLOTS} author slots (a new author takes the next slot round the table,
 * replacing its occupant) and one context, under 13 KB however many authors a note has. The encoder's slots are
 * made on the first delivery, so an idle connection holds nothing. Not thread-safe: one connection's frames are
 * handled in order on one thread.
 */
public final class CompactRevisions {
    /** The frame type byte of a compact revision. */
    public static final int TYPE = FrameCodec.COMPACT_REVISION;
    /** How many authors a connection's table names at once; a new author replaces the oldest added. */
    public static final int AUTHOR_SLOTS = 32;

    private static final int KIND_MASK = 0x03;
    /** The author entry follows, and takes the next slot. Otherwise: a slot number (1 byte). */
    private static final int NEW_AUTHOR = 0x04;
    /** The note context follows, and replaces the one held. Otherwise: the context held. */
    private static final int NEW_CONTEXT = 0x08;
    /** Sequence and previous hash follow. Otherwise: the slot's last sequence plus one and its last item's hash. */
    private static final int EXPLICIT_CHAIN = 0x10;
    private static final int KNOWN_FLAGS = KIND_MASK | NEW_AUTHOR | NEW_CONTEXT | EXPLICIT_CHAIN;
    /** Workspace id, document id, key epoch, write key. */
    private static final int CONTEXT_LENGTH = Id128.LENGTH * 2 + 4 + 32;
    private static final int SIGNATURES_LENGTH = 64 + 64;
    private static final int AUTHOR_KEYS_LENGTH = 64;

    /** Per slot: the author entry exactly as sent (version, keys, key id, certificate); null while free. */
    private byte[][] authors;
    /** Per slot: the sequence of the author's last compact item on this connection; 0 for none yet. */
    private long[] lastSequence;
    /** Per slot: that item's chain hash. */
    private byte[][] lastHash;
    /** Authors added so far: the next one goes to slot {@code added % AUTHOR_SLOTS}. */
    private long added;
    /** The context of the last compact item, or null before the first. */
    private byte[] context;

    /**
     * Server side: the frame to send for this relayed item, compact, and remembers what it left out. Never fails for a
     * stored item: every item has a compact form.
     */
    public byte[] encode(long revision, NoteItem item) {
        allocate();
        byte[] encoded = item.encode();
        byte[] envelope = item.envelope().encode();
        UpdateHeader header = item.header();
        byte[] entry = authorEntry(item);
        byte[] itemContext = new ByteWriter(CONTEXT_LENGTH)
                .writeBytes(header.workspaceId().toBytes())
                .writeBytes(header.documentId().toBytes())
                .writeInt(header.keyEpoch())
                .writeBytes(Arrays.copyOfRange(encoded, encoded.length - 64 - 32, encoded.length - 64))
                .toByteArray();
        int slot = slotOf(entry);
        boolean newAuthor = slot < 0;
        if (newAuthor) {
            slot = addAuthor(entry);
        }
        boolean newContext = !Arrays.equals(itemContext, context);
        boolean explicitChain = !(lastSequence[slot] > 0 && header.sequence() == lastSequence[slot] + 1
                && Arrays.equals(header.previousHash().toBytes(), lastHash[slot]));
        int flags = item.kind().code() | (newAuthor ? NEW_AUTHOR : 0) | (newContext ? NEW_CONTEXT : 0)
                | (explicitChain ? EXPLICIT_CHAIN : 0);
        ByteWriter out = new ByteWriter(encoded.length)
                .writeByte(FrameCodec.VERSION).writeByte(TYPE).writeLong(revision).writeByte(flags);
        if (item.kind() == NoteItemKind.SNAPSHOT) {
            out.writeLong(item.covers());
        }
        if (newAuthor) {
            out.writeBytes(entry);
        } else {
            out.writeByte(slot);
        }
        if (newContext) {
            out.writeBytes(itemContext);
        }
        if (explicitChain) {
            out.writeLong(header.sequence()).writeBytes(header.previousHash().toBytes());
        }
        out.writeBytes(Arrays.copyOfRange(envelope, UpdateEnvelope.HEADER_LENGTH, envelope.length))
                .writeBytes(Arrays.copyOfRange(encoded, encoded.length - 64, encoded.length));
        context = itemContext;
        remember(slot, item);
        return out.toByteArray();
    }

    /**
     * Client side: any frame from the server, a compact revision rebuilt into the {@link Frame.Revision} it stands
     * for, whose item is then checked as every item is. A frame that does not decode changes no state.
     *
     * @throws InvalidMessageException (or a subclass) for a frame that is malformed, or a compact one that names state
     *     this connection does not hold
     */
    public Frame decodeFrame(byte[] bytes) throws InvalidMessageException {
        if (bytes.length < 2 || (bytes[0] & 0xff) != FrameCodec.VERSION || (bytes[1] & 0xff) != TYPE) {
            return FrameCodec.decode(bytes);
        }
        allocate();
        ByteReader in = new ByteReader(bytes, "compact revision");
        in.skip(2, "frame version and type");
        long revision = in.readLong("revision");
        if (revision < 1 || revision > FrameCodec.MAX_REVISION) {
            throw new InvalidMessageException("revision number " + revision + " is out of range");
        }
        int flags = in.readUnsignedByte("flags");
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new InvalidMessageException("compact revision has unknown flags " + flags);
        }
        NoteItemKind kind = NoteItemKind.fromCode(flags & KIND_MASK);
        long covers = kind == NoteItemKind.SNAPSHOT ? in.readLong("covers") : 0;
        byte[] entry;
        int slot;
        if ((flags & NEW_AUTHOR) != 0) {
            entry = readAuthorEntry(in);
            slot = -1;
        } else {
            slot = in.readUnsignedByte("author slot");
            if (slot >= AUTHOR_SLOTS || authors[slot] == null) {
                throw new InvalidMessageException("compact revision names author slot " + slot
                        + ", which this connection has not filled");
            }
            entry = authors[slot];
        }
        byte[] itemContext;
        if ((flags & NEW_CONTEXT) != 0) {
            itemContext = in.readBytes(CONTEXT_LENGTH, "context");
        } else if (context == null) {
            throw new InvalidMessageException("compact revision omits the context before any was sent");
        } else {
            itemContext = context;
        }
        long sequence;
        byte[] previous;
        if ((flags & EXPLICIT_CHAIN) != 0) {
            sequence = in.readLong("sequence");
            previous = in.readBytes(UpdateHash.LENGTH, "previous hash");
        } else if (slot < 0 || lastSequence[slot] < 1) {
            throw new InvalidMessageException("compact revision omits the chain of an author with no item before");
        } else {
            sequence = lastSequence[slot] + 1;
            previous = lastHash[slot];
        }
        if (in.remaining() < SIGNATURES_LENGTH) {
            throw new InvalidMessageException("compact revision is too short for its signatures");
        }
        byte[] body = in.readBytes(in.remaining() - SIGNATURES_LENGTH, "body");
        byte[] authorSignature = in.readBytes(64, "author signature");
        byte[] writeSignature = in.readBytes(64, "write signature");
        in.expectEnd();
        NoteItem item = NoteItem.parse(rebuild(kind, covers, entry, itemContext, sequence, previous, body,
                authorSignature, writeSignature));
        if (slot < 0) {
            slot = addAuthor(entry);
        }
        context = itemContext;
        remember(slot, item);
        return new Frame.Revision(revision, item);
    }

    /** The item's bytes from the compact parts, in the order of docs/protocol.md's "Note item" table. */
    private static byte[] rebuild(NoteItemKind kind, long covers, byte[] entry, byte[] itemContext, long sequence,
                                  byte[] previous, byte[] body, byte[] authorSignature, byte[] writeSignature) {
        // entry: item version (1) || author keys (64) || author key id (16) || [certificate length (2) || certificate]
        int version = entry[0] & 0xff;
        ByteWriter out = new ByteWriter(entry.length + itemContext.length + body.length + 256)
                .writeByte(version)
                .writeByte(kind.code())
                .writeLong(covers)
                .writeBytes(Arrays.copyOfRange(entry, 1, 1 + AUTHOR_KEYS_LENGTH));
        if (version == NoteItem.VERSION_WITH_CREDENTIAL) {
            out.writeBytes(Arrays.copyOfRange(entry, 1 + AUTHOR_KEYS_LENGTH + Id128.LENGTH, entry.length));
        }
        return out.writeByte(UpdateEnvelope.VERSION)
                .writeBytes(Arrays.copyOfRange(itemContext, 0, Id128.LENGTH * 2 + 4))
                .writeBytes(Arrays.copyOfRange(entry, 1 + AUTHOR_KEYS_LENGTH, 1 + AUTHOR_KEYS_LENGTH + Id128.LENGTH))
                .writeLong(sequence)
                .writeBytes(previous)
                .writeInt(body.length)
                .writeBytes(body)
                .writeBytes(authorSignature)
                .writeBytes(Arrays.copyOfRange(itemContext, Id128.LENGTH * 2 + 4, CONTEXT_LENGTH))
                .writeBytes(writeSignature)
                .toByteArray();
    }

    private static byte[] authorEntry(NoteItem item) {
        ByteWriter out = new ByteWriter()
                .writeByte(item.credential() == null ? NoteItem.VERSION : NoteItem.VERSION_WITH_CREDENTIAL)
                .writeBytes(item.authorBytes())
                .writeBytes(item.header().authorKeyId().toBytes());
        if (item.credential() != null) {
            byte[] certificate = item.credential().encode();
            out.writeShort(certificate.length).writeBytes(certificate);
        }
        return out.toByteArray();
    }

    /** Reads an author entry; its certificate is parsed and checked against the keys only once rebuilt. */
    private static byte[] readAuthorEntry(ByteReader in) throws InvalidMessageException {
        int version = in.readUnsignedByte("item version");
        if (version != NoteItem.VERSION && version != NoteItem.VERSION_WITH_CREDENTIAL) {
            throw new InvalidMessageException("compact revision names item version " + version);
        }
        byte[] keys = in.readBytes(AUTHOR_KEYS_LENGTH + Id128.LENGTH, "author keys and key id");
        ByteWriter out = new ByteWriter().writeByte(version).writeBytes(keys);
        if (version == NoteItem.VERSION_WITH_CREDENTIAL) {
            int length = in.readUnsignedShort("certificate length");
            if (length == 0 || length > DeviceCertificate.MAX_LENGTH) {
                throw new InvalidMessageException("a compact revision's certificate is 1 to "
                        + DeviceCertificate.MAX_LENGTH + " bytes, not " + length);
            }
            out.writeShort(length).writeBytes(in.readBytes(length, "certificate"));
        }
        return out.toByteArray();
    }

    private void allocate() {
        if (authors == null) {
            authors = new byte[AUTHOR_SLOTS][];
            lastSequence = new long[AUTHOR_SLOTS];
            lastHash = new byte[AUTHOR_SLOTS][];
        }
    }

    private int slotOf(byte[] entry) {
        for (int slot = 0; slot < AUTHOR_SLOTS; slot++) {
            if (Arrays.equals(authors[slot], entry)) {
                return slot;
            }
        }
        return -1;
    }

    private int addAuthor(byte[] entry) {
        int slot = (int) (added++ % AUTHOR_SLOTS);
        authors[slot] = entry;
        lastSequence[slot] = 0;
        lastHash[slot] = null;
        return slot;
    }

    private void remember(int slot, NoteItem item) {
        lastSequence[slot] = item.header().sequence();
        lastHash[slot] = item.hash().toBytes();
    }
}
