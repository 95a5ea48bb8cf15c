package dev.vellum.protocol.seal;

import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * Seals what one author writes to one note into signed {@link NoteItem}s, and opens anyone's. Runs only where the
 * note's link secret lives: in the browser, or in tests. The sealed plaintext is {@code kind (1) || covers (8) ||
 * body}, repeating the item's clear kind and coverage under the author's signature.
 */
public final class NoteItemCipher {
    private static final int PLAINTEXT_PREFIX = 9;
    /** Set in the sealed kind byte of an item that carries a credential, whose hash then follows the coverage. */
    private static final int CREDENTIAL_FLAG = 0x80;
    /** Authors remembered at most; a note has few, and forgetting only costs parsing again. */
    private static final int MAX_KNOWN_AUTHORS = 256;

    private final NoteKeys keys;
    private final IdentityKeyPair author;
    /** The author device's certificate, carried in every item; null for an anonymous author. */
    private final DeviceCertificate credential;
    private final IdentityKeyId authorKeyId;
    private final RandomSource random;
    private final PresenceCipher presence;
    private final XChaCha20Poly1305 localCopyAead;
    /** Copies kept before the local-copy key existed were sealed under the note's encryption key: read only. */
    private final XChaCha20Poly1305 legacyLocalCopyAead;
    /**
     * Authors' identities already parsed, by the bytes items carry them as. Parsing decompresses two curve points;
     * a history holds many items by few authors, so opening a long one parses each author once.
     */
    private final Map<String, PublicIdentity> knownAuthors = new HashMap<>();

    /** A cipher for an anonymous author: a key made for this visit, which no account vouches for. */
    public NoteItemCipher(NoteKeys keys, IdentityKeyPair author, RandomSource random) {
        this(keys, author, null, random);
    }

    /**
     * A cipher for an account's device: its items carry {@code credential}, so readers can show the person's name and
     * the server can check the device against the account.
     *
     * @throws IllegalArgumentException if the certificate is for another device
     */
    public NoteItemCipher(NoteKeys keys, IdentityKeyPair author, DeviceCertificate credential, RandomSource random) {
        if (credential != null && !credential.device().equals(author.publicIdentity())) {
            throw new IllegalArgumentException("the certificate is for another device");
        }
        this.keys = keys;
        this.author = author;
        this.credential = credential;
        this.authorKeyId = IdentityKeyId.of(author.publicIdentity());
        this.random = random;
        this.presence = new PresenceCipher(keys, author, random);
        this.localCopyAead = new XChaCha20Poly1305(keys.localCopyKey(), random);
        this.legacyLocalCopyAead = new XChaCha20Poly1305(keys.encryptionKey(), random);
    }

    public IdentityKeyId authorKeyId() {
        return authorKeyId;
    }

    /** The author's public keys, which its items carry and which readers name it by. */
    public PublicIdentity authorIdentity() {
        return author.publicIdentity();
    }

    /** The author's device certificate, or null for an anonymous author. */
    public DeviceCertificate credential() {
        return credential;
    }

    /**
     * The same note's cipher for a new anonymous author key, made from this cipher's random source: for a writer
     * whose chain the server will not continue (it lost or rolled back items), which then starts a fresh chain at
     * sequence 1.
     *
     * @throws IllegalStateException for an account's device, whose key is fixed: it continues from the server's head
     */
    public NoteItemCipher withFreshAuthor() {
        if (credential != null) {
            throw new IllegalStateException("an account's device keeps its key; continue from the server's head");
        }
        return new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
    }

    /**
     * Seals {@code body} as this author's item number {@code sequence}, chained to its item before.
     *
     * @param covers for a snapshot, the last stored revision it includes; 0 for an update
     */
    public NoteItem seal(NoteItemKind kind, long covers, long sequence, UpdateHash previous, byte[] body) {
        ByteWriter sealed = new ByteWriter(PLAINTEXT_PREFIX + Sha256.LENGTH + body.length)
                .writeByte(credential == null ? kind.code() : kind.code() | CREDENTIAL_FLAG)
                .writeLong(covers);
        if (credential != null) {
            sealed.writeBytes(credentialHash(credential));
        }
        byte[] plaintext = sealed.writeBytes(body)
                .toByteArray();
        UpdateHeader header = new UpdateHeader(WorkspaceId.LINK_SHARED, keys.noteId(), 0, authorKeyId, sequence,
                previous);
        UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(header, plaintext, keys.encryptionKey(), author, random);
        return sign(kind, covers, author.publicIdentity(), credential, envelope, keys.writeKey());
    }

    /**
     * Checks the author's signature, decrypts, and checks that the sealed kind and coverage are the clear ones.
     * Readers need not check the write signature: only holders of the link have the key that decrypts.
     *
     * @throws InvalidSignatureException if the author's signature does not verify
     * @throws AuthenticationFailedException if any byte of the envelope's header or ciphertext changed
     * @throws InvalidMessageException if the item belongs to another note or its clear fields were changed
     */
    public byte[] open(NoteItem item)
            throws InvalidMessageException, AuthenticationFailedException, InvalidSignatureException {
        if (!item.header().documentId().equals(keys.noteId())) {
            throw new InvalidMessageException("note item belongs to note " + item.header().documentId());
        }
        byte[] plaintext = UpdateEnvelopeCipher.open(item.envelope(), keys.encryptionKey(), authorOf(item));
        ByteReader in = new ByteReader(plaintext, "sealed note item");
        int sealedKind = in.readUnsignedByte("kind");
        if ((sealedKind & ~CREDENTIAL_FLAG) != item.kind().code() || in.readLong("covers") != item.covers()) {
            throw new InvalidMessageException("the item's clear kind or coverage differs from its sealed copy");
        }
        boolean signedWithCredential = (sealedKind & CREDENTIAL_FLAG) != 0;
        DeviceCertificate carried = item.credential();
        if (signedWithCredential != (carried != null) || signedWithCredential
                && !Arrays.constantTimeAreEqual(in.readBytes(Sha256.LENGTH, "credential hash"),
                        credentialHash(carried))) {
            throw new InvalidMessageException("the item's credential is not the one its author signed");
        }
        return in.readRemaining();
    }

    /** Signs an item around {@code envelope} with the note's write key; tests use it to forge relabelled items. */
    static NoteItem sign(NoteItemKind kind, long covers, PublicIdentity author, DeviceCertificate credential,
                         UpdateEnvelope envelope, Ed25519PrivateKey writeKey) {
        byte[] unsigned = NoteItem.encodeUnsigned(kind, covers, author, credential, envelope, writeKey.publicKey());
        byte[] signature = writeKey.sign(NoteItem.writeSignatureInput(unsigned));
        try {
            return NoteItem.parse(Bytes.concat(unsigned, signature));
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a freshly signed note item does not parse", e);
        }
    }

    /**
     * The credential's hash, sealed under the author's signature: the write signature alone covers the clear copy,
     * so without this a link holder could graft another identity's certificate for the same device key onto an
     * author's item (anyone can issue a certificate for any public key) and show the words under another name.
     */
    private static byte[] credentialHash(DeviceCertificate credential) {
        return Sha256.labeled(Label.NOTE_ITEM_CREDENTIAL, credential.encode());
    }

    private PublicIdentity authorOf(NoteItem item) throws InvalidSignatureException {
        String carried = Hex.toHexString(item.authorBytes());
        PublicIdentity known = knownAuthors.get(carried);
        if (known == null) {
            known = item.author();
            if (knownAuthors.size() >= MAX_KNOWN_AUTHORS) {
                knownAuthors.clear();
            }
            knownAuthors.put(carried, known);
        }
        return known;
    }

    /**
     * Seals an ephemeral presence message (a caret, a name) under the note's presence key, signed by this author and
     * by the note's write key, with this author's next counter and {@code sentAtMillis} inside
     * ({@link dev.vellum.protocol.item.SignedPresence}). Relayed and never stored.
     */
    public byte[] sealPresence(byte[] message, long sentAtMillis) {
        return presence.seal(message, sentAtMillis);
    }

    /**
     * Opens anyone's presence after checking both its signatures and its note; whether it is fresh is for a
     * {@link PresenceFreshness} to say.
     *
     * @throws InvalidMessageException if it does not parse, is of another version, or belongs to another note
     * @throws InvalidSignatureException if a signature does not verify, or the write key is not this note's
     * @throws AuthenticationFailedException if it was not sealed under this note's presence key
     */
    public OpenedPresence openPresence(byte[] bytes)
            throws InvalidMessageException, InvalidSignatureException, AuthenticationFailedException {
        return presence.open(bytes);
    }

    /**
     * Seals what the browser keeps of the note between visits (its text and unsent edits) under the note's
     * local-copy key, bound to the note.
     */
    public byte[] sealLocalState(byte[] state) {
        return localCopyAead.encrypt(state, Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes()));
    }

    /**
     * Opens a kept copy: sealed under the local-copy key, or, for copies written before that key existed (which may
     * hold offline edits), under the note's encryption key. The next save seals it the new way.
     */
    public byte[] openLocalState(byte[] sealed) throws InvalidMessageException, AuthenticationFailedException {
        byte[] associatedData = Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes());
        try {
            return localCopyAead.decrypt(sealed, associatedData);
        } catch (AuthenticationFailedException sealedBeforeTheLocalCopyKey) {
            return legacyLocalCopyAead.decrypt(sealed, associatedData);
        }
    }
}
