package dev.vellum.protocol.seal;

import dev.vellum.crypto.aead.XChaCha20Poly1305Arrays;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.SnapshotConfirmation;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.util.encoders.Hex;

/**
 * Seals what one author writes to one note into signed {@link NoteItem}s, and opens anyone's. Runs only where the
 * note's keys live: in the browser, or in tests. The sealed plaintext is {@link ItemPlaintext}: the item's clear kind
 * and coverage repeated under the author's signature, the credential's hash, and for a workspace note the author's
 * membership log head.
 *
 * <p>A note shared by link has one set of keys; a workspace note has one per key epoch ({@link NoteKeyring}): new
 * items are sealed under the current epoch (named in the envelope header with the workspace id), and each item is
 * opened with the keys of the epoch it names. Only an account's device writes a workspace note.
 */
public final class NoteItemCipher {
    /** Authors remembered at most; a note has few, and forgetting only costs parsing again. */
    private static final int MAX_KNOWN_AUTHORS = 256;

    private final NoteKeyring keyring;
    private final boolean workspaceNote;
    private final IdentityKeyPair author;
    /** The author device's certificate, carried in every item; null for an anonymous author. */
    private final DeviceCertificate credential;
    /** For a workspace note, the author's verified membership log head when sealing; null for a link note. */
    private final Supplier<LogHead> logHead;
    private final IdentityKeyId authorKeyId;
    private final RandomSource random;
    private final PresenceCipher presence;
    private final LocalCopyCipher localCopy;
    /**
     * Authors' identities already parsed, by the bytes items carry them as. Parsing decompresses two curve points;
     * a history holds many items by few authors, so opening a long one parses each author once.
     */
    private final Map<String, PublicIdentity> knownAuthors = new HashMap<>();

    /** A cipher for an anonymous author of a note shared by link: a key made for this visit, no account's. */
    public NoteItemCipher(NoteKeys keys, IdentityKeyPair author, RandomSource random) {
        this(keys, author, null, random);
    }

    /**
     * A cipher for an account's device writing a note shared by link: its items carry {@code credential}, so readers
     * can show the person's name and the server can check the device against the account.
     *
     * @throws IllegalArgumentException if the certificate is for another device, or the keys are a workspace note's
     */
    public NoteItemCipher(NoteKeys keys, IdentityKeyPair author, DeviceCertificate credential, RandomSource random) {
        this(NoteKeyring.ofLinkNote(keys), author, credential, null, random);
    }

    /**
     * A cipher for an account's device writing a workspace note.
     *
     * @param logHead the head of the membership log as this device last verified it, asked for at each seal
     * @throws IllegalArgumentException if the certificate is missing or for another device, or the keyring is a
     *     link note's
     */
    public static NoteItemCipher forWorkspaceNote(NoteKeyring keyring, IdentityKeyPair author,
                                                  DeviceCertificate credential, Supplier<LogHead> logHead,
                                                  RandomSource random) {
        if (keyring.workspaceId().equals(WorkspaceId.LINK_SHARED) || credential == null || logHead == null) {
            throw new IllegalArgumentException("a workspace note is written by an account's device, with its log head");
        }
        return new NoteItemCipher(keyring, author, credential, logHead, random);
    }

    private NoteItemCipher(NoteKeyring keyring, IdentityKeyPair author, DeviceCertificate credential,
                           Supplier<LogHead> logHead, RandomSource random) {
        if (credential != null && !credential.device().equals(author.publicIdentity())) {
            throw new IllegalArgumentException("the certificate is for another device");
        }
        this.keyring = keyring;
        this.workspaceNote = !keyring.workspaceId().equals(WorkspaceId.LINK_SHARED);
        this.author = author;
        this.credential = credential;
        this.logHead = logHead;
        this.authorKeyId = IdentityKeyId.of(author.publicIdentity());
        this.random = random;
        this.presence = new PresenceCipher(keyring, author, random);
        this.localCopy = new LocalCopyCipher(keyring);
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

    /** The note this cipher seals for: what its author's comment records name. */
    public NoteId noteId() {
        return keyring.noteId();
    }

    /**
     * The platform CSPRNG this cipher was made with, for the fresh ids of what its author signs beside items
     * (comment records, {@link dev.vellum.protocol.comment.CommentDraft}).
     */
    public RandomSource random() {
        return random;
    }

    /** The note's workspace, or {@link WorkspaceId#LINK_SHARED} for a note shared by link. */
    public WorkspaceId workspaceId() {
        return keyring.workspaceId();
    }

    /**
     * This author's signed statement that {@code snapshot}, stored as {@code revision}, is the merge of the updates
     * it covers: sent by a reader whose check of it passed, so the server may let those updates go.
     */
    public SnapshotConfirmation confirm(long revision, NoteItem snapshot) {
        byte[] signature = author.signingKey().sign(SnapshotConfirmation.signedMessage(
                snapshot.header().documentId(), revision, snapshot.hash()));
        return SnapshotConfirmation.of(revision, author.publicIdentity(), credential, signature);
    }

    /**
     * Signs a comment record with this author's identity key and certificate, as its items are signed: the record
     * goes, with others, into a {@link NoteItemKind#COMMENT} item's {@link dev.vellum.protocol.comment.CommentBatch}.
     *
     * @throws IllegalArgumentException if the draft is for another note, or an account's draft carries a chosen name
     */
    public CommentRecord signComment(CommentDraft draft) {
        if (!draft.noteId().equals(keyring.noteId())) {
            throw new IllegalArgumentException("the comment is for note " + draft.noteId());
        }
        return CommentRecord.sign(draft, author, credential);
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
        return new NoteItemCipher(keyring, IdentityKeyPair.generate(random), null, null, random);
    }

    /**
     * Seals {@code body} as this author's item number {@code sequence}, chained to its item before, under the
     * note's current keys.
     *
     * @param covers for a snapshot, the last stored revision it includes; 0 for an update
     * @throws IllegalStateException for a workspace note whose current epoch's key this member does not hold: see
     *     {@link #sealItem}, which says so with a checked exception
     */
    public NoteItem seal(NoteItemKind kind, long covers, long sequence, UpdateHash previous, byte[] body) {
        try {
            return sealItem(kind, covers, sequence, previous, body);
        } catch (MissingEpochKeyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * As {@link #seal}, for a writer that must handle the moment after a rotation when the new epoch's key has not
     * arrived yet (nothing is ever sealed under an older epoch instead).
     *
     * @throws MissingEpochKeyException if this member holds no key for the workspace's current epoch
     */
    public NoteItem sealItem(NoteItemKind kind, long covers, long sequence, UpdateHash previous, byte[] body)
            throws MissingEpochKeyException {
        NoteKeys keys = keyring.current();
        LogHead head = workspaceNote ? logHead.get() : null;
        if (workspaceNote && head == null) {
            throw new IllegalStateException("a workspace note's item is written with a verified log head");
        }
        byte[] plaintext = ItemPlaintext.encode(kind, covers, credential, head, body);
        UpdateHeader header = new UpdateHeader(keys.workspaceId(), keys.noteId(), keys.keyEpoch(), authorKeyId,
                sequence, previous);
        UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(header, plaintext, keys.encryptionKey(), author, random);
        return sign(kind, covers, author.publicIdentity(), credential, envelope, keys.writeKey());
    }

    /**
     * Checks the author's signature, decrypts, and checks that the sealed fields fit the clear ones; returns the
     * body. For a workspace note, {@link #openItem} also gives the author's log head, which readers should compare.
     *
     * @throws InvalidSignatureException if the author's signature does not verify
     * @throws AuthenticationFailedException if any byte of the envelope's header or ciphertext changed
     * @throws InvalidMessageException if the item belongs to another note or its clear fields were changed (a
     *     {@link MissingEpochKeyException} if it is of an epoch this member holds no key for)
     */
    public byte[] open(NoteItem item)
            throws InvalidMessageException, AuthenticationFailedException, InvalidSignatureException {
        return openItem(item).body();
    }

    /**
     * Opens an item with the keys of the epoch its header names, after checking it belongs to this note (and, for
     * a workspace note, to its workspace). Readers need not check the write signature: only holders of the note's
     * keys can decrypt, and what a workspace member may write is the membership log's to say (by the author's
     * credential), which the caller checks.
     *
     * @throws InvalidSignatureException if the author's signature does not verify
     * @throws AuthenticationFailedException if any byte of the envelope's header or ciphertext changed
     * @throws MissingEpochKeyException if this member holds no key for the item's epoch
     * @throws InvalidMessageException if the item belongs to another note or workspace, its clear fields were
     *     changed, or a workspace note's item carries no credential or log head
     */
    public OpenedItem openItem(NoteItem item)
            throws InvalidMessageException, AuthenticationFailedException, InvalidSignatureException {
        UpdateHeader header = item.header();
        if (!header.documentId().equals(keyring.noteId())) {
            throw new InvalidMessageException("note item belongs to note " + header.documentId());
        }
        if (!header.workspaceId().equals(keyring.workspaceId())) {
            throw new InvalidMessageException("note item belongs to workspace " + header.workspaceId());
        }
        if (workspaceNote && item.credential() == null) {
            throw new InvalidMessageException("a workspace note's item is not signed by an account's device");
        }
        NoteKeys keys = keyring.forEpoch(header.keyEpoch());
        byte[] plaintext = UpdateEnvelopeCipher.open(item.envelope(), keys.encryptionKey(), authorOf(item));
        return ItemPlaintext.decode(plaintext, item, workspaceNote);
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
     *
     * @throws IllegalStateException for a workspace note whose current epoch's key this member does not hold
     */
    public byte[] sealPresence(byte[] message, long sentAtMillis) {
        try {
            return presence.seal(message, sentAtMillis);
        } catch (MissingEpochKeyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
     * local-copy key, bound to the note (see {@link LocalCopyCipher}).
     *
     * @throws IllegalStateException for a workspace note whose current epoch's key this member does not hold
     */
    public <A> A sealLocalState(byte[] state, XChaCha20Poly1305Arrays<A> arrays) {
        try {
            return localCopy.seal(state, arrays);
        } catch (MissingEpochKeyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Opens a kept copy (see {@link LocalCopyCipher}).
     *
     * @throws MissingEpochKeyException (an {@link InvalidMessageException}) if it was sealed under a workspace epoch
     *     whose key this device no longer reaches
     */
    public <A> byte[] openLocalState(A sealed, XChaCha20Poly1305Arrays<A> arrays)
            throws InvalidMessageException, AuthenticationFailedException {
        return localCopy.open(sealed, arrays);
    }
}
