package dev.vellum.protocol.id;

/** Names a workspace. Until workspaces exist, every note belongs to {@link #LINK_SHARED}. */
public final class WorkspaceId extends Id128 {
    /** The all-zero id: a note shared only through its link, whose key lives in the link's fragment. */
    public static final WorkspaceId LINK_SHARED = new WorkspaceId(new byte[LENGTH]);

    private WorkspaceId(byte[] bytes) {
        super(bytes);
    }

    public static WorkspaceId fromBytes(byte[] bytes) {
        return new WorkspaceId(bytes);
    }
}
