package dev.vellum.crypto.hash;

import dev.vellum.encoding.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Every domain-separation label in the protocol, in one list, so no two uses of a hash, KDF or signature can
 * ever share one. A label is prefixed to (or used as the info of) what it separates.
 */
public enum Label {
    COMMITTING_AEAD_KEYS("vellum/v1/committing-aead/keys"),
    KEY_ID("vellum/v1/key-id"),
    FINGERPRINT("vellum/v1/fingerprint"),
    SAFETY_NUMBER("vellum/v1/safety-number"),
    UPDATE_SIGNATURE("vellum/v1/update-envelope/signature"),
    UPDATE_HASH("vellum/v1/update-envelope/hash"),
    KEY_ENVELOPE_SIGNATURE("vellum/v1/key-envelope/signature"),
    KEY_ENVELOPE_HPKE_INFO("vellum/v1/key-envelope/hpke-info"),
    NOTE_ENCRYPTION_KEY("vellum/v1/note/encryption-key"),
    NOTE_WRITE_KEY("vellum/v1/note/write-key"),
    NOTE_ID("vellum/v1/note/id"),
    NOTE_PRESENCE_KEY("vellum/v1/note/presence-key"),
    NOTE_LOCAL_COPY_KEY("vellum/v1/note/local-copy-key"),
    NOTE_ITEM_WRITE_SIGNATURE("vellum/v1/note-item/write-signature"),
    NOTE_ITEM_CREDENTIAL("vellum/v1/note-item/credential"),
    PRESENCE_AD("vellum/v1/presence/ad"),
    PRESENCE_AUTHOR_SIGNATURE("vellum/v1/presence/author-signature"),
    PRESENCE_WRITE_SIGNATURE("vellum/v1/presence/write-signature"),
    LOCAL_STATE_AD("vellum/v1/local-state/ad"),
    LOCAL_VERIFIED_KEY("vellum/v1/local/verified-key"),
    LOCAL_VERIFIED_RECORD("vellum/v1/local/verified-record"),
    ACCOUNT_STAND_IN_SALT("vellum/v1/account/stand-in-salt"),
    ACCOUNT_WRAPPING_KEY("vellum/v1/account/wrapping-key"),
    ACCOUNT_AUTH_KEY("vellum/v1/account/auth-key"),
    ACCOUNT_VERIFIER("vellum/v1/account/verifier"),
    RECOVERY_WRAPPING_KEY("vellum/v1/recovery/wrapping-key"),
    RECOVERY_AUTH_KEY("vellum/v1/recovery/auth-key"),
    SESSION_WRAPPING_KEY("vellum/v1/session/wrapping-key"),
    DEVICE_RECORD_WRAPPING_KEY("vellum/v1/device-record/wrapping-key"),
    SEALED_KEYS_AD("vellum/v1/sealed-keys/ad"),
    DEVICE_CERTIFICATE_SIGNATURE("vellum/v1/device-certificate/signature"),
    LOGIN_PROOF_SIGNATURE("vellum/v1/login-proof/signature"),
    MEMBERSHIP_ENTRY_SIGNATURE("vellum/v1/membership-entry/signature"),
    MEMBERSHIP_ENTRY_HASH("vellum/v1/membership-entry/hash"),
    WORKSPACE_EPOCH_COMMITMENT("vellum/v1/workspace/epoch-commitment"),
    WORKSPACE_NAME_KEY("vellum/v1/workspace/name-key"),
    WORKSPACE_NAME_AD("vellum/v1/workspace/name-ad"),
    WORKSPACE_EPOCH_LINK_KEY("vellum/v1/workspace/epoch-link-key"),
    WORKSPACE_EPOCH_LINK_AD("vellum/v1/workspace/epoch-link-ad"),
    WORKSPACE_NOTE_SECRET("vellum/v1/workspace/note-secret"),
    WORKSPACE_TITLE_KEY("vellum/v1/workspace/title-key"),
    WORKSPACE_TITLE_AD("vellum/v1/workspace/title-ad"),
    WORKSPACE_TITLE_SIGNATURE("vellum/v1/workspace/title-signature"),
    INVITE_LINK_SIGNING_KEY("vellum/v1/invite-link/signing-key"),
    INVITE_LINK_WELCOME_KEY("vellum/v1/invite-link/welcome-key"),
    INVITE_LINK_WELCOME_AD("vellum/v1/invite-link/welcome-ad"),
    INVITE_LINK_ID("vellum/v1/invite-link/id"),
    JOIN_REQUEST_LINK_SIGNATURE("vellum/v1/join-request/link-signature"),
    JOIN_REQUEST_JOINER_SIGNATURE("vellum/v1/join-request/joiner-signature"),
    JOIN_REQUEST_HASH("vellum/v1/join-request/hash"),
    CONTACTS_KEY("vellum/v1/contacts/key"),
    CONTACTS_AD("vellum/v1/contacts/ad"),
    SNAPSHOT_CONFIRMATION("vellum/v1/snapshot-confirmation"),
    /** What a comment record's author signs (the comment design fixed this shorter form). */
    COMMENT_SIGNATURE("vellum/v1/comment");

    private final byte[] bytes;

    Label(String text) {
        this.bytes = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A copy of the label's ASCII bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code label || part1 || part2 ...}, for hashing and signing. */
    public byte[] prefix(byte[]... parts) {
        byte[][] all = new byte[parts.length + 1][];
        all[0] = bytes;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return Bytes.concat(all);
    }
}
