package dev.vellum.client.workspace;

import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyDerivation;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.SealedTitle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this browser verified before in one workspace, kept between visits so that opening it again checks only what
 * is new: the log head up to which it checked every entry's signature from the first, and the titles of the note
 * list as last shown, each with the exact sealed bytes it was opened from and the identity its signature was checked
 * with. Checking 200 entries, and checking and opening 500 titles, on every opening was most of the page's own work
 * in opening a large workspace.
 *
 * <p>Kept in {@code localStorage}, one record per account and workspace:
 * <pre>
 * plaintext: version = 1 (1) || verified log head (40: sequence 8 || entry hash 32) || title count n (4, at most 5,000)
 *            || n titles, each: note id (16) || signer identity (64) || sealed title length (2) || sealed title
 *            || title length (2) || title (UTF-8)
 * record:    XChaCha20-Poly1305(key, plaintext, ad = "vellum/v1/local/verified-record" || account id || workspace id)
 * key:       HKDF-SHA256(ikm = the person's identity private keys, info = "vellum/v1/local/verified-key")
 *            (IdentityKeyDerivation), so only a browser holding this person's identity makes or reads one
 * </pre>
 * A record altered, damaged, moved to another workspace or account, or of an unknown version reads as nothing, and
 * everything is verified as on a first visit. What a record vouches for never stops being true: that the entries up to
 * a head carry valid signatures (the head's hash fixes every entry before it, signatures included), and that these
 * exact title bytes, signed by that identity for that note, open to that text. What can change is checked on every
 * opening as before: every rule of the log and its head against the pinned one (rollback, fork), whether the title's
 * signer may write in its epoch with that identity, and whether this browser still holds that epoch's key. The titles
 * kept are only those of the list as last opened (each opening replaces them), which the keys this browser holds open
 * anyway.
 */
final class VerifiedCache {
    static final String KEY_PREFIX = "vellum.verified.";
    static final int VERSION = 1;
    /** Far beyond any real list; a longer one is verified in full on every opening. */
    static final int MAX_TITLES = 5_000;

    /**
     * A title opened before: from these sealed bytes, checked with this signer identity (its encoding: compared, never
     * parsed, as parsing 500 keys cost more than the rest of reading a record), to this text.
     */
    record KeptTitle(NoteId noteId, byte[] signer, byte[] sealed, String text) {
        /** Whether {@code served} is byte for byte the title this was opened from. */
        boolean sameBytes(byte[] served) {
            return Arrays.equals(sealed, served);
        }

        /** Whether it was checked with exactly this identity. */
        boolean checkedWith(PublicIdentity identity) {
            return Arrays.equals(signer, identity.toBytes());
        }
    }

    /** What a record vouches for: every entry signature up to {@code head} ({@link LogHead#EMPTY}: none), the titles. */
    record Checked(LogHead head, Map<NoteId, KeptTitle> titles) {
        static final Checked NOTHING = new Checked(LogHead.EMPTY, new HashMap<>());

        Checked {
            // A HashMap, not Map.copyOf: TeaVM's empty immutable map divides by its size on lookup.
            titles = Collections.unmodifiableMap(new HashMap<>(titles));
        }

        /** The title kept for the note if it was opened from exactly {@code served}, else null. */
        KeptTitle title(NoteId note, byte[] served) {
            KeptTitle kept = titles.get(note);
            return kept != null && kept.sameBytes(served) ? kept : null;
        }
    }

    private final LogHeadPins.Storage storage;
    private final AccountId account;
    private final SymmetricKey key;
    private final RandomSource random;

    VerifiedCache(LogHeadPins.Storage storage, UnlockedAccount account, RandomSource random) {
        this.storage = storage;
        this.account = account.accountId();
        byte[] bytes = IdentityKeyDerivation.derive(account.identity(), Label.LOCAL_VERIFIED_KEY, SymmetricKey.LENGTH);
        this.key = SymmetricKey.fromBytes(bytes);
        Arrays.fill(bytes, (byte) 0);
        this.random = random;
    }

    /** What this browser verified before in the workspace; {@link Checked#NOTHING} unless the record opens. */
    Checked load(WorkspaceId workspace) {
        String text = storage.get(storageKey(workspace));
        if (text == null) {
            return Checked.NOTHING;
        }
        try {
            byte[] sealed = Base64Url.decode(text, text.length() * 3 / 4);
            return parse(new XChaCha20Poly1305(key, random).decrypt(sealed, associatedData(workspace)));
        } catch (InvalidMessageException | AuthenticationFailedException | IllegalArgumentException e) {
            return Checked.NOTHING; // altered, damaged, or another account's or workspace's: verify everything
        }
    }

    /**
     * Keeps what was verified now: every signature up to {@code head}, and {@code titles} (those listed now, so that
     * the record holds one list and no more). Writes nothing if the record already says exactly this.
     */
    void save(WorkspaceId workspace, LogHead head, Collection<KeptTitle> titles, Checked before) {
        if (titles.size() > MAX_TITLES) {
            titles = List.of(); // the log's head is still worth keeping
        }
        if (unchanged(head, titles, before)) {
            return;
        }
        ByteWriter out = new ByteWriter()
                .writeByte(VERSION)
                .writeBytes(head.encode())
                .writeInt(titles.size());
        for (KeptTitle title : titles) {
            byte[] text = title.text().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(title.noteId().toBytes())
                    .writeBytes(title.signer())
                    .writeShort(title.sealed().length)
                    .writeBytes(title.sealed())
                    .writeShort(text.length)
                    .writeBytes(text);
        }
        byte[] sealed = new XChaCha20Poly1305(key, random).encrypt(out.toByteArray(), associatedData(workspace));
        storage.put(storageKey(workspace), Base64Url.encode(sealed));
    }

    private static boolean unchanged(LogHead head, Collection<KeptTitle> titles, Checked before) {
        if (head.sequence() != before.head().sequence()
                || !Arrays.equals(head.entryHash(), before.head().entryHash())
                || titles.size() != before.titles().size()) {
            return false;
        }
        for (KeptTitle title : titles) {
            KeptTitle kept = before.titles().get(title.noteId());
            if (kept == null || !kept.sameBytes(title.sealed()) || !Arrays.equals(kept.signer(), title.signer())
                    || !kept.text().equals(title.text())) {
                return false;
            }
        }
        return true;
    }

    private String storageKey(WorkspaceId workspace) {
        return KEY_PREFIX + account + "." + workspace;
    }

    private byte[] associatedData(WorkspaceId workspace) {
        return Label.LOCAL_VERIFIED_RECORD.prefix(account.toBytes(), workspace.toBytes());
    }

    private static Checked parse(byte[] plaintext) throws InvalidMessageException {
        ByteReader in = new ByteReader(plaintext, "verified record");
        if (in.readUnsignedByte("version") != VERSION) {
            throw new InvalidMessageException("an unknown verified record version");
        }
        LogHead head = LogHead.readFrom(in);
        int count = in.readInt("title count");
        if (count < 0 || count > MAX_TITLES) {
            throw new InvalidMessageException("a verified record keeps 0 to " + MAX_TITLES + " titles");
        }
        Map<NoteId, KeptTitle> titles = new HashMap<>();
        for (int i = 0; i < count; i++) {
            NoteId note = NoteId.fromBytes(in.readBytes(Id128.LENGTH, "note id"));
            byte[] signer = in.readBytes(PublicIdentity.ENCODED_LENGTH, "signer");
            byte[] sealed = in.readBytes(in.readUnsignedShort("sealed length"), "sealed title");
            String text = new String(in.readBytes(in.readUnsignedShort("title length"), "title"),
                    StandardCharsets.UTF_8);
            titles.put(note, new KeptTitle(note, signer, sealed, text));
        }
        in.expectEnd();
        return new Checked(head, titles);
    }

    /** For {@link NoteTitles}: a title of {@code note} that opened now, to keep. */
    static KeptTitle kept(NoteId note, PublicIdentity signer, SealedTitle title, String text) {
        return new KeptTitle(note, signer.toBytes(), title.encode(), text);
    }
}
