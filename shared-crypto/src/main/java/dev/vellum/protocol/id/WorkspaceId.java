package dev.vellum.protocol.id;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;

/** Names a workspace; chosen at random by its creator's browser. Notes shared only by link use {@link #LINK_SHARED}. */
public final class WorkspaceId extends Id128 {
    /** The all-zero id: a note shared only through its link, whose key lives in the link's fragment. */
    public static final WorkspaceId LINK_SHARED = new WorkspaceId(new byte[LENGTH]);

    private WorkspaceId(byte[] bytes) {
        super(bytes);
    }

    public static WorkspaceId fromBytes(byte[] bytes) {
        return new WorkspaceId(bytes);
    }

    /** A new workspace's id; never the all-zero id of link notes. */
    public static WorkspaceId random(RandomSource random) {
        WorkspaceId id;
        do {
            id = new WorkspaceId(random.randomBytes(LENGTH));
        } while (id.equals(LINK_SHARED));
        return id;
    }

    /** Parses the 22-character base64url form; anything else is rejected. */
    public static WorkspaceId parse(String text) throws InvalidMessageException {
        return new WorkspaceId(Base64Url.decode(text, LENGTH));
    }
}
