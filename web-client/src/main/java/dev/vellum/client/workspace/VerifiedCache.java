package dev.vellum.client.workspace;

import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.hash.HmacSha256;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.identity.IdentityKeyDerivation;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.encoding.Base64Url;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.SealedTitle;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What this browser verified before in one workspace, kept between visits so that opening it again checks only what
 * is new: the log head up to which it checked every entry's signature from the first, and the titles whose
 * signatures it checked. Checking 200 entries and 500 title signatures again on every opening was most of the
 * page's own work in opening a large workspace.
 *
 * <p>Nothing here is a secret and nothing is trusted unless authenticated: each record, in {@code localStorage}, is
 * <pre>
 * version = 1 (1) || verified log head (40: sequence 8 || entry hash 32) || title count n (4, at most 10,000)
 *   || n title digests (32 each) || tag (32)
 * tag          = HMAC-SHA256(key, "vellum/v1/local/verified-tag" || account id || workspace id || all before the tag)
 * key          = HKDF-SHA256(ikm = the person's identity private keys, info = "vellum/v1/local/verified-key")
 *                (see IdentityKeyDerivation)
 * title digest = SHA-256("vellum/v1/local/verified-title" || workspace id || note id || signer identity (64)
 *                || the sealed title, whole)
 * </pre>
 * so only this person's browser, holding their identity, writes one that reads back; one altered, moved to another
 * workspace or account, or damaged reads as nothing, and everything is verified from the first entry as on a first
 * visit. What a record vouches for never stops being true: that entries up to a head carry valid signatures (the
 * head's hash fixes every entry before it, signatures included), and that these exact title bytes were signed by
 * that identity for that note. What can change is checked on every opening as before: every rule of the log, its
 * head against the pinned one (rollback, fork), whether a title's signer may write in its epoch, and the title's
 * decryption.
 */
final class VerifiedCache {
    static final String KEY_PREFIX = "vellum.verified.";
    static final int VERSION = 1;
    static final int MAX_TITLES = 10_000;
    private static final int DIGEST_LENGTH = Sha256.LENGTH;

    /**
     * What a record vouches for: every entry signature up to {@code head} ({@link LogHead#EMPTY}: none), and the
     * title digests in {@code titles}.
     */
    record Checked(LogHead head, Set<String> titles) {
        static final Checked NOTHING = new Checked(LogHead.EMPTY, Set.of());

        Checked {
            titles = Set.copyOf(titles);
        }

        boolean titleChecked(String digest) {
            return titles.contains(digest);
        }
    }

    private final LogHeadPins.Storage storage;
    private final AccountId account;
    private final byte[] key;

    VerifiedCache(LogHeadPins.Storage storage, UnlockedAccount account) {
        this.storage = storage;
        this.account = account.accountId();
        this.key = IdentityKeyDerivation.derive(account.identity(), Label.LOCAL_VERIFIED_KEY, HmacSha256.LENGTH);
    }

    /** What this browser verified before in the workspace; {@link Checked#NOTHING} unless the record authenticates. */
    Checked load(WorkspaceId workspace) {
        String text = storage.get(storageKey(workspace));
        if (text == null) {
            return Checked.NOTHING;
        }
        try {
            byte[] record = Base64Url.decode(text, text.length() * 3 / 4);
            if (record.length < 1 + LogHead.LENGTH + 4 + HmacSha256.LENGTH) {
                return Checked.NOTHING;
            }
            byte[] body = Arrays.copyOf(record, record.length - HmacSha256.LENGTH);
            byte[] tag = Arrays.copyOfRange(record, body.length, record.length);
            if (!HmacSha256.verify(key, tagInput(workspace, body), tag)) {
                return Checked.NOTHING; // altered, or another account's or workspace's: verify everything
            }
            return parse(body);
        } catch (InvalidMessageException | IllegalArgumentException e) {
            return Checked.NOTHING;
        }
    }

    /**
     * Keeps what was verified now: every signature up to {@code head}, and {@code titles} (the digests of the titles
     * listed now, so the record holds no more than one workspace's list). Writes nothing if the record already says
     * exactly this.
     */
    void save(WorkspaceId workspace, LogHead head, Set<String> titles, Checked before) {
        if (titles.size() > MAX_TITLES) {
            return; // far beyond any real list: such a workspace is simply verified in full each time
        }
        if (head.sequence() == before.head().sequence() && Arrays.equals(head.entryHash(), before.head().entryHash())
                && titles.equals(before.titles())) {
            return;
        }
        ByteWriter out = new ByteWriter(1 + LogHead.LENGTH + 4 + titles.size() * DIGEST_LENGTH)
                .writeByte(VERSION)
                .writeBytes(head.encode())
                .writeInt(titles.size());
        for (String digest : titles) {
            try {
                out.writeBytes(Base64Url.decode(digest, DIGEST_LENGTH));
            } catch (InvalidMessageException e) {
                throw new IllegalArgumentException("not a title digest: " + digest, e);
            }
        }
        byte[] body = out.toByteArray();
        byte[] tag = HmacSha256.mac(key, tagInput(workspace, body));
        storage.put(storageKey(workspace), Base64Url.encode(new ByteWriter(body.length + tag.length)
                .writeBytes(body).writeBytes(tag).toByteArray()));
    }

    /** The digest a title's checked signature is kept under (Base64url): these bytes, this note, this signer. */
    static String titleDigest(WorkspaceId workspace, NoteId note, PublicIdentity signer, SealedTitle title) {
        return Base64Url.encode(Sha256.labeled(Label.LOCAL_VERIFIED_TITLE, workspace.toBytes(), note.toBytes(),
                signer.toBytes(), title.encode()));
    }

    private String storageKey(WorkspaceId workspace) {
        return KEY_PREFIX + account + "." + workspace;
    }

    private byte[] tagInput(WorkspaceId workspace, byte[] body) {
        return Label.LOCAL_VERIFIED_TAG.prefix(account.toBytes(), workspace.toBytes(), body);
    }

    private static Checked parse(byte[] body) throws InvalidMessageException {
        ByteReader in = new ByteReader(body, "verified record");
        if (in.readUnsignedByte("version") != VERSION) {
            throw new InvalidMessageException("an unknown verified record version");
        }
        LogHead head = LogHead.readFrom(in);
        int count = in.readInt("title count");
        if (count < 0 || count > MAX_TITLES) {
            throw new InvalidMessageException("a verified record holds 0 to " + MAX_TITLES + " titles");
        }
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < count; i++) {
            titles.add(Base64Url.encode(in.readBytes(DIGEST_LENGTH, "title digest")));
        }
        in.expectEnd();
        return new Checked(head, titles);
    }
}
