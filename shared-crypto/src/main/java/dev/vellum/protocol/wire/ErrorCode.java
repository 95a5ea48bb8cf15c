package dev.vellum.protocol.wire;

/** Why the server refused a frame. The numeric codes are part of the wire format and never reused. */
public enum ErrorCode {
    MALFORMED_FRAME(1, "The frame could not be parsed."),
    UNKNOWN_FRAME_TYPE(2, "The frame type is unknown."),
    UNEXPECTED_FRAME(3, "This frame type is not accepted from a client."),
    EXPECTED_BINARY(4, "Only binary frames are accepted."),
    FRAME_TOO_LARGE(5, "The frame is larger than the server accepts."),
    NOTE_MISMATCH(6, "The item belongs to another note than this connection's."),
    // 7 was "stale revision", when clients numbered revisions; retired, never reused.
    RATE_LIMITED(8, "Too many frames; slow down."),
    UNSUPPORTED_VERSION(9, "The frame or item format version is not supported."),
    STORAGE_FAILURE(10, "The server could not store the item."),
    UNSUPPORTED_WORKSPACE(11, "The item names another workspace or key epoch than this note's current one."),
    INVALID_SIGNATURE(12, "The item is not signed by the note's write key and its author."),
    CHAIN_CONFLICT(13, "The item does not follow its author's last stored item."),
    INVALID_SNAPSHOT(14, "A snapshot must cover revisions that are stored."),
    HISTORY_UNAVAILABLE(15, "The note's versions could not be listed now."),
    INVALID_PRESENCE(16, "Presence must be version 2 and signed by the note's write key and its author."),
    NOTE_TOO_LARGE(17, "The note has reached the server's size limit; a snapshot makes room."),
    NOTE_QUOTA_EXCEEDED(18, "This address has made as many new notes as the server allows for now."),
    STORAGE_QUOTA_EXCEEDED(19, "This address has stored as many bytes as the server allows for now."),
    UNKNOWN_DEVICE(20, "The item's author is not a registered device of the account it names."),
    DEVICE_REVOKED(21, "The item's author device was revoked."),
    NOT_THIS_SESSION(22, "Items signed by an account's device are accepted only from a session of that device."),
    NOT_A_MEMBER(23, "Not a member of this workspace."),
    READ_ONLY(24, "Viewers cannot write."),
    CONFIRMATION_REFUSED(25, "The snapshot confirmation does not count: no such snapshot, a bad signature, or its "
            + "own author."),
    /**
     * The server is busy: the frame was not taken (nothing stored, nothing acknowledged); send it again, and what
     * followed it, after the delay the frame says. Carried by {@link Frame.RetryAfter}, never by a plain error.
     */
    RETRY_AFTER(26, "The server is busy; send it again after the delay given."),
    UNKNOWN(255, "The server reported an error this client does not know.");

    private final int code;
    private final String description;

    ErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** Maps a received code; codes from a newer server become {@link #UNKNOWN} rather than failing the parse. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return UNKNOWN;
    }
}
