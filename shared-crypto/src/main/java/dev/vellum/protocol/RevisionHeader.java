package dev.vellum.protocol;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.UnsupportedVersionException;
import org.bouncycastle.util.Pack;

/**
 * The clear header of a stored note revision. Every field is bound into the AEAD as associated data, so a
 * server that moves a ciphertext to another note, workspace, epoch or revision makes it fail to decrypt.
 *
 * <p>Layout, version 1 (61 bytes, integers big-endian): {@code version (1) || workspace id (16) ||
 * note id (16) || key epoch (4) || author key id (16) || revision (8)}.
 *
 * @param keyEpoch which generation of the workspace key encrypted the body; 0 for link-shared notes
 * @param revision position of this revision in the note's history, from 1, with no gaps
 */
public record RevisionHeader(WorkspaceId workspaceId, NoteId noteId, int keyEpoch, IdentityKeyId authorKeyId,
                             long revision) {
    public static final int VERSION = 1;
    public static final int LENGTH = 1 + 16 + 16 + 4 + 16 + 8;

    public RevisionHeader {
        if (workspaceId == null || noteId == null || authorKeyId == null) {
            throw new NullPointerException("header ids must not be null");
        }
        if (keyEpoch < 0) {
            throw new IllegalArgumentException("key epoch must not be negative");
        }
        if (revision < 1) {
            throw new IllegalArgumentException("revisions are numbered from 1");
        }
    }

    /** A revision of a note shared by link: no workspace, epoch 0, anonymous author. */
    public static RevisionHeader linkShared(NoteId noteId, long revision) {
        return new RevisionHeader(WorkspaceId.LINK_SHARED, noteId, 0, IdentityKeyId.ANONYMOUS, revision);
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        out[0] = VERSION;
        workspaceId.writeTo(out, 1);
        noteId.writeTo(out, 17);
        Pack.intToBigEndian(keyEpoch, out, 33);
        authorKeyId.writeTo(out, 37);
        Pack.longToBigEndian(revision, out, 53);
        return out;
    }

    /** Parses the header at the start of {@code input}, which may continue with other bytes. */
    public static RevisionHeader decode(byte[] input) throws InvalidMessageException {
        if (input.length < LENGTH) {
            throw new InvalidMessageException("revision header needs " + LENGTH + " bytes, got " + input.length);
        }
        int version = input[0] & 0xff;
        if (version != VERSION) {
            throw new UnsupportedVersionException("revision", version, VERSION);
        }
        int keyEpoch = Pack.bigEndianToInt(input, 33);
        long revision = Pack.bigEndianToLong(input, 53);
        if (keyEpoch < 0) {
            throw new InvalidMessageException("key epoch is negative");
        }
        if (revision < 1) {
            throw new InvalidMessageException("revision number " + revision + " is not positive");
        }
        return new RevisionHeader(
                WorkspaceId.fromBytes(slice(input, 1)),
                NoteId.fromBytes(slice(input, 17)),
                keyEpoch,
                IdentityKeyId.fromBytes(slice(input, 37)),
                revision);
    }

    private static byte[] slice(byte[] input, int offset) {
        byte[] out = new byte[Id128.LENGTH];
        System.arraycopy(input, offset, out, 0, Id128.LENGTH);
        return out;
    }
}
