package dev.vellum.client.workspace;

import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The workspaces of the person logged in in this browser: the entry point of the UI. It holds their identity key
 * pair (from the {@link UnlockedAccount}, for the whole page's life), their contact pins, this browser's log-head
 * pins, and the server. Starting it loads the contact book, and creates the personal workspace "Personal" if the
 * account has no workspace yet (a new account's first sign-in).
 */
public final class WorkspaceSession {
    /** The name of the workspace every new account starts with. */
    public static final String PERSONAL_WORKSPACE_NAME = "Personal";

    private final UnlockedAccount account;
    private final WorkspaceServer server;
    private final RandomSource random;
    private final LongSupplier clock;
    private final LogHeadPins heads;
    private final ContactPins contacts;

    private WorkspaceSession(UnlockedAccount account, WorkspaceServer server, RandomSource random,
                             LongSupplier clock, LogHeadPins heads, ContactPins contacts) {
        this.account = account;
        this.server = server;
        this.random = random;
        this.clock = clock;
        this.heads = heads;
        this.contacts = contacts;
    }

    /** In the browser: the HTTP API, {@code localStorage} for log heads, the system clock. */
    public static void start(UnlockedAccount account, RandomSource random, Consumer<WorkspaceSession> ok,
                             Consumer<WorkspaceProblem> failed) {
        throw new UnsupportedOperationException("WorkspaceSession.start: being written (ws-client)");
    }

    /** Anywhere (the JVM tests): with the given server, clock and log-head storage. */
    public static void start(UnlockedAccount account, WorkspaceServer server, RandomSource random,
                             LongSupplier clock, LogHeadPins.Storage headStorage, Consumer<WorkspaceSession> ok,
                             Consumer<WorkspaceProblem> failed) {
        throw new UnsupportedOperationException("WorkspaceSession.start: being written (ws-client)");
    }

    public UnlockedAccount account() {
        return account;
    }

    public ContactPins contacts() {
        return contacts;
    }

    /** Every change the person makes to workspaces, memberships, notes and invitations. */
    public WorkspaceActions actions() {
        throw new UnsupportedOperationException("being written (ws-client)");
    }

    /**
     * The person's workspaces and pending invitations, each from its verified log with its decrypted name; a
     * workspace that fails its checks is listed with its {@link WorkspaceSummary#problem()} (and its name null).
     */
    public void workspaces(Consumer<List<WorkspaceSummary>> ok, Consumer<WorkspaceProblem> failed) {
        throw new UnsupportedOperationException("being written (ws-client)");
    }

    /** Fetches, verifies and opens one workspace, its notes' titles included. */
    public void open(WorkspaceId workspace, Consumer<OpenedWorkspace> ok, Consumer<WorkspaceProblem> failed) {
        throw new UnsupportedOperationException("being written (ws-client)");
    }

    /** The safety number of this person and someone else, the same on both sides (60 digits; costly: cache it). */
    public SafetyNumber safetyNumber(PublicIdentity other) {
        return SafetyNumber.of(account.identity().publicIdentity(), other);
    }
}
