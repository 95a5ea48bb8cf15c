package dev.vellum.protocol.seal;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.workspace.LogHead;
import org.bouncycastle.util.Arrays;

/**
 * The sealed plaintext of a note item, under its author's signature:
 * {@code kind | flags (1) || covers (8) || [credential hash (32)] || [log head: sequence (8) || entry hash (32)]
 * || body}. Flag {@code 0x80}: the item carries a credential, whose hash follows; flag {@code 0x40}: a workspace
 * note's item, whose author's membership log head follows. The clear kind and coverage are repeated so that a reader
 * who checks only the author's signature still notices a change to them.
 */
final class ItemPlaintext {
    /** Set in the sealed kind byte of an item that carries a credential, whose hash then follows the coverage. */
    static final int CREDENTIAL_FLAG = 0x80;
    /** Set in the sealed kind byte of a workspace note's item, whose author's log head follows the credential hash. */
    static final int LOG_HEAD_FLAG = 0x40;
    private static final int PREFIX = 9;

    private ItemPlaintext() {
    }

    /** @param head the author's log head for a workspace note's item (which needs a credential), else null */
    static byte[] encode(NoteItemKind kind, long covers, DeviceCertificate credential, LogHead head, byte[] body) {
        if (head != null && credential == null) {
            throw new IllegalArgumentException("a workspace note's item is written by an account's device");
        }
        int flags = (credential == null ? 0 : CREDENTIAL_FLAG) | (head == null ? 0 : LOG_HEAD_FLAG);
        ByteWriter out = new ByteWriter(PREFIX + (credential == null ? 0 : Sha256.LENGTH)
                + (head == null ? 0 : LogHead.LENGTH) + body.length)
                .writeByte(kind.code() | flags)
                .writeLong(covers);
        if (credential != null) {
            out.writeBytes(credentialHash(credential));
        }
        if (head != null) {
            if (head.sequence() < 0) {
                throw new IllegalArgumentException("a member's log head names an entry of the log");
            }
            out.writeBytes(head.encode());
        }
        return out.writeBytes(body).toByteArray();
    }

    /**
     * Checks the sealed copy against the clear item and splits off the body.
     *
     * @param workspaceNote whether the item belongs to a workspace note, whose items must carry a credential and a
     *     log head (and a link note's must not carry a log head)
     * @throws InvalidMessageException if the sealed kind, coverage, credential or log head do not fit the item
     */
    static OpenedItem decode(byte[] plaintext, NoteItem item, boolean workspaceNote) throws InvalidMessageException {
        ByteReader in = new ByteReader(plaintext, "sealed note item");
        int sealedKind = in.readUnsignedByte("kind");
        if ((sealedKind & ~(CREDENTIAL_FLAG | LOG_HEAD_FLAG)) != item.kind().code()
                || in.readLong("covers") != item.covers()) {
            throw new InvalidMessageException("the item's clear kind or coverage differs from its sealed copy");
        }
        boolean signedWithCredential = (sealedKind & CREDENTIAL_FLAG) != 0;
        DeviceCertificate carried = item.credential();
        if (signedWithCredential != (carried != null) || signedWithCredential
                && !Arrays.constantTimeAreEqual(in.readBytes(Sha256.LENGTH, "credential hash"),
                        credentialHash(carried))) {
            throw new InvalidMessageException("the item's credential is not the one its author signed");
        }
        if (((sealedKind & LOG_HEAD_FLAG) != 0) != workspaceNote) {
            throw new InvalidMessageException(workspaceNote ? "a workspace note's item carries no log head"
                    : "a link note's item carries a workspace log head");
        }
        if (workspaceNote && carried == null) {
            throw new InvalidMessageException("a workspace note's item is not signed by an account's device");
        }
        LogHead head = null;
        if (workspaceNote) {
            head = LogHead.readFrom(in);
            if (head.sequence() < 0) {
                throw new InvalidMessageException("a member's log head names entry 0 or later, not the empty log");
            }
        }
        return new OpenedItem(in.readRemaining(), head);
    }

    /**
     * The credential's hash, sealed under the author's signature: the write signature alone covers the clear copy,
     * so without this a link holder could graft another identity's certificate for the same device key onto an
     * author's item (anyone can issue a certificate for any public key) and show the words under another name.
     */
    private static byte[] credentialHash(DeviceCertificate credential) {
        return Sha256.labeled(Label.NOTE_ITEM_CREDENTIAL, credential.encode());
    }
}
