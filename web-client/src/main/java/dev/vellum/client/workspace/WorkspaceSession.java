package dev.vellum.client.workspace;

import dev.vellum.client.account.ApiError;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.client.jso.LocalStorageText;
import dev.vellum.client.jso.UnicodeText;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

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
    private final UnaryOperator<String> nfc;
    private ContactPins contacts;
    private final WorkspaceActions actions;
    private final Joining joining;

    private WorkspaceSession(UnlockedAccount account, WorkspaceServer server, RandomSource random,
                             LongSupplier clock, LogHeadPins heads, UnaryOperator<String> nfc) {
        this.account = account;
        this.server = server;
        this.random = random;
        this.clock = clock;
        this.heads = heads;
        this.nfc = nfc;
        this.actions = new WorkspaceActions(this);
        this.joining = new Joining(this);
    }

    /** In the browser: the HTTP API, {@code localStorage} for log heads, the system clock. */
    public static void start(UnlockedAccount account, RandomSource random, Consumer<WorkspaceSession> ok,
                             Consumer<WorkspaceProblem> failed) {
        LogHeadPins.Storage storage = new LogHeadPins.Storage() {
            @Override
            public String get(String key) {
                return LocalStorageText.get(key);
            }

            @Override
            public void put(String key, String value) {
                LocalStorageText.put(key, value);
            }
        };
        start(account, new WorkspaceApi(), random, System::currentTimeMillis, storage, UnicodeText::nfc, ok, failed);
    }

    /**
     * Anywhere (the JVM tests): with the given server, clock, log-head storage and Unicode normalisation (NFC).
     */
    public static void start(UnlockedAccount account, WorkspaceServer server, RandomSource random,
                             LongSupplier clock, LogHeadPins.Storage headStorage, UnaryOperator<String> nfc,
                             Consumer<WorkspaceSession> ok, Consumer<WorkspaceProblem> failed) {
        WorkspaceSession session = new WorkspaceSession(account, server, random, clock,
                new LogHeadPins(headStorage), nfc);
        ContactPins.load(server, account, random, clock, headStorage, contacts -> {
            session.contacts = contacts;
            session.ensurePersonalWorkspace(() -> ok.accept(session), failed);
        }, failed);
    }

    /** A new account has no workspace: it gets "Personal", made here (only a browser can seal its key). */
    private void ensurePersonalWorkspace(Runnable done, Consumer<WorkspaceProblem> failed) {
        server.workspaces(listings -> {
            for (WorkspaceServer.Listing listing : listings) {
                if (!listing.pending()) {
                    done.run(); // a member somewhere already; an invitation alone is not a workspace of one's own
                    return;
                }
            }
            actions.createWorkspace(PERSONAL_WORKSPACE_NAME, id -> done.run(), failed);
        }, error -> failed.accept(WorkspaceProblem.server(error)));
    }

    public UnlockedAccount account() {
        return account;
    }

    public ContactPins contacts() {
        return contacts;
    }

    /** Every change the person makes to workspaces, memberships, notes and invitations. */
    public WorkspaceActions actions() {
        return actions;
    }

    /** Joining a workspace through an invite link, as the person who received it. */
    public Joining joining() {
        return joining;
    }

    /**
     * The person's workspaces and pending invitations, each from its verified log with its decrypted name; a
     * workspace that fails its checks is listed with its {@link WorkspaceSummary#problem()} (and its name null).
     */
    public void workspaces(Consumer<List<WorkspaceSummary>> ok, Consumer<WorkspaceProblem> failed) {
        server.workspaces(listings -> summarize(listings, 0, new ArrayList<>(), ok),
                error -> failed.accept(WorkspaceProblem.server(error)));
    }

    private void summarize(List<WorkspaceServer.Listing> listings, int index, List<WorkspaceSummary> done,
                           Consumer<List<WorkspaceSummary>> ok) {
        if (index == listings.size()) {
            contacts.saveIfChanged(() -> { }, problem -> { });
            ok.accept(done);
            return;
        }
        WorkspaceServer.Listing listing = listings.get(index);
        load(listing.workspaceId(), false, opened -> {
            done.add(new WorkspaceSummary(opened.id(), opened.name(), opened.myRole(), opened.pending(), null));
            summarize(listings, index + 1, done, ok);
        }, problem -> {
            done.add(new WorkspaceSummary(listing.workspaceId(), null, listing.role(), listing.pending(), problem));
            summarize(listings, index + 1, done, ok);
        });
    }

    /**
     * Fetches, verifies and opens one workspace, its notes' titles included. An owner's browser that finds that
     * someone left since the last rotation rotates the key first (a leaver still holds the current one); if that
     * fails, the workspace opens as it is, and the next opening tries again.
     */
    public void open(WorkspaceId workspace, Consumer<OpenedWorkspace> ok, Consumer<WorkspaceProblem> failed) {
        load(workspace, true, opened -> {
            contacts.saveIfChanged(() -> { }, problem -> { });
            if (opened.canManage() && opened.needsRotation()) {
                actions.rotate(opened, ok, problem -> ok.accept(opened));
            } else {
                ok.accept(opened);
            }
        }, failed);
    }

    /** The log, the keys and (if asked) the notes, fetched one after the other, then checked together. */
    private void load(WorkspaceId workspace, boolean withNotes, Consumer<OpenedWorkspace> ok,
                      Consumer<WorkspaceProblem> failed) {
        Consumer<ApiError> serverFailed = error -> failed.accept(
                WorkspaceProblem.server(error));
        server.log(workspace, 0, page -> server.keys(workspace, keys -> {
            if (!withNotes) {
                finishLoad(workspace, page.entries(), keys, null, ok, failed);
                return;
            }
            server.notes(workspace, notes -> finishLoad(workspace, page.entries(), keys, notes, ok, failed),
                    error -> {
                        if (error.status() == 403) {
                            // A pending invitee reads the log and keys (to accept or decline) but not the notes.
                            finishLoad(workspace, page.entries(), keys, null, ok, failed);
                        } else {
                            serverFailed.accept(error);
                        }
                    });
        }, serverFailed), serverFailed);
    }

    private void finishLoad(WorkspaceId workspace, List<byte[]> entries, WorkspaceServer.Keys keys,
                            List<WorkspaceServer.NoteRow> notes, Consumer<OpenedWorkspace> ok,
                            Consumer<WorkspaceProblem> failed) {
        OpenedWorkspace opened;
        try {
            opened = OpenedWorkspace.build(this, workspace, entries, keys, notes);
        } catch (WorkspaceProblemException e) {
            failed.accept(e.problem());
            return;
        }
        ok.accept(opened);
    }

    /** The safety number of this person and someone else, the same on both sides (60 digits; costly: cache it). */
    public SafetyNumber safetyNumber(PublicIdentity other) {
        return SafetyNumber.of(account.identity().publicIdentity(), other);
    }

    // --- For the package ---------------------------------------------------------------------------------------

    WorkspaceServer server() {
        return server;
    }

    RandomSource random() {
        return random;
    }

    long now() {
        return clock.getAsLong();
    }

    LogHeadPins heads() {
        return heads;
    }

    /** NFC, as names and titles are sealed (so that the same text typed two ways is one name). */
    String normalize(String text) {
        return nfc.apply(text);
    }
}
