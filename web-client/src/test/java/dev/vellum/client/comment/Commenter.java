package dev.vellum.client.comment;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;

/** Someone who comments in tests: an account (with a device certificate) or an anonymous visitor with a name. */
final class Commenter {
    private final IdentityKeyPair key;
    private final DeviceCertificate credential;
    private final String chosenName;
    private final RandomSource random;
    private long now = 1_700_000_000_000L;

    private Commenter(IdentityKeyPair key, DeviceCertificate credential, String chosenName, RandomSource random) {
        this.key = key;
        this.credential = credential;
        this.chosenName = chosenName;
        this.random = random;
    }

    /** An account's device, certified under {@code username}. */
    static Commenter account(String username, RandomSource random) {
        return device(IdentityKeyPair.generate(random), AccountId.random(random), username, random);
    }

    /**
     * Another device of the account that {@code identity} holds, with a key of its own, certified by that identity
     * under {@code accountId} and {@code username}. With another identity than the account's, it is someone's
     * self-made certificate repeating the account's id or name.
     */
    static Commenter device(IdentityKeyPair identity, AccountId accountId, String username, RandomSource random) {
        try {
            IdentityKeyPair device = IdentityKeyPair.generate(random);
            DeviceCertificate credential = DeviceCertificate.issue(identity, accountId, Username.parse(username),
                    device.publicIdentity(), 1L);
            return new Commenter(device, credential, "", random);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An anonymous visitor of a link note, signing with a key of this visit, named as they chose. */
    static Commenter anonymous(String chosenName, RandomSource random) {
        return new Commenter(IdentityKeyPair.generate(random), null, chosenName, random);
    }

    /** This person as a reader who may edit their own comments: their account, or their key if anonymous. */
    CommentOwner owner() {
        return CommentOwner.writingWith(keyId(), credential);
    }

    DeviceCertificate credential() {
        return credential;
    }

    IdentityKeyId keyId() {
        return IdentityKeyId.of(key.publicIdentity());
    }

    CommentRecord post(NoteId note, CommentAnchor anchor, String text, long clock) {
        return sign(CommentDraft.post(note, anchor, text, clock, tick(), chosenName, random));
    }

    CommentRecord reply(CommentRecord parent, String text, long clock) {
        return sign(CommentDraft.reply(parent.noteId(), parent.threadId(), parent.recordId(), text, clock, tick(),
                chosenName, random));
    }

    CommentRecord edit(CommentRecord previous, String text, long clock) {
        return sign(CommentDraft.edit(previous, text, clock, tick()));
    }

    CommentRecord delete(CommentRecord previous, long clock) {
        return sign(CommentDraft.delete(previous, clock, tick()));
    }

    CommentRecord resolve(NoteId note, CommentId thread, long clock) {
        return sign(CommentDraft.resolve(note, thread, clock, tick(), chosenName, random));
    }

    CommentRecord reopen(NoteId note, CommentId thread, long clock) {
        return sign(CommentDraft.reopen(note, thread, clock, tick(), chosenName, random));
    }

    /** Signs any draft with this person's key: also how a test forges someone else's edit. */
    CommentRecord sign(CommentDraft draft) {
        CommentDraft named = credential == null || draft.authorName().isEmpty() ? draft
                : new CommentDraft(draft.type(), draft.noteId(), draft.threadId(), draft.recordId(), draft.parentId(),
                        draft.edit(), draft.clock(), draft.createdAtMillis(), draft.deleted(), draft.resolved(),
                        draft.anchor(), draft.text(), "");
        if (credential == null && !named.authorName().equals(chosenName)) {
            named = new CommentDraft(named.type(), named.noteId(), named.threadId(), named.recordId(),
                    named.parentId(), named.edit(), named.clock(), named.createdAtMillis(), named.deleted(),
                    named.resolved(), named.anchor(), named.text(), chosenName);
        }
        return CommentRecord.sign(named, key, credential);
    }

    private long tick() {
        now += 1000;
        return now;
    }
}
