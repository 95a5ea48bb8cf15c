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
    private final VerifiedCache verified;
    private final UnaryOperator<String> nfc;
    private ContactPins contacts;
    private final WorkspaceActions actions;
    private final Joining joining;

    private WorkspaceSession(UnlockedAccount account, WorkspaceServer server, RandomSource random,
                             LongSupplier clock, LogHeadPins.Storage localStorage, UnaryOperator<String> nfc) {
        this.account = account;
        this.server = server;
        this.random = random;
        this.clock = clock;
        this.heads = new LogHeadPins(localStorage);
        this.verified = new VerifiedCache(localStorage, account, random);
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
        WorkspaceSession session = new WorkspaceSession(account, server, random, clock, headStorage, nfc);
        // The contact book and the list of workspaces are asked for at once; the first failure (the book's first) wins.
        WorkspaceProblem[] problems = new WorkspaceProblem[2];
        List<List<WorkspaceServer.Listing>> listed = new ArrayList<>();
        int[] waiting = {2};
        Runnable answered = () -> {
            if (--waiting[0] > 0) {
                return;
            }
            if (problems[0] != null || problems[1] != null) {
                failed.accept(problems[0] != null ? problems[0] : problems[1]);
            } else {
                session.ensurePersonalWorkspace(listed.get(0), () -> ok.accept(session), failed);
            }
        };
        ContactPins.load(server, account, random, clock, headStorage, contacts -> {
            session.contacts = contacts;
            answered.run();
        }, problem -> {
            problems[0] = problem;
            answered.run();
        });
        server.workspaces(listings -> {
            listed.add(listings);
            answered.run();
        }, error -> {
            problems[1] = WorkspaceProblem.server(error);
            answered.run();
        });
    }

    /** A new account has no workspace: it gets "Personal", made here (only a browser can seal its key). */
    private void ensurePersonalWorkspace(List<WorkspaceServer.Listing> listings, Runnable done,
                                         Consumer<WorkspaceProblem> failed) {
        for (WorkspaceServer.Listing listing : listings) {
            if (!listing.pending()) {
                done.run(); // a member somewhere already; an invitation alone is not a workspace of one's own
                return;
            }
        }
        actions.createWorkspace(PERSONAL_WORKSPACE_NAME, id -> done.run(), failed);
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

    /**
     * The log, the keys and (if asked) the notes, asked for at once (three round trips in one), then checked together
     * once all have answered, a failure of the log before one of the keys before one of the notes.
     */
    private void load(WorkspaceId workspace, boolean withNotes, Consumer<OpenedWorkspace> ok,
                      Consumer<WorkspaceProblem> failed) {
        Fetched fetched = new Fetched(workspace, withNotes ? 3 : 2, ok, failed);
        server.log(workspace, 0, page -> fetched.log(page, null), error -> fetched.log(null, error));
        server.keys(workspace, keys -> fetched.keys(keys, null), error -> fetched.keys(null, error));
        if (withNotes) {
            server.notes(workspace, notes -> fetched.notes(notes, null), error -> fetched.notes(null, error));
        }
    }

    /** The answers of one {@link #load}, gathered as they come, in whatever order. */
    private final class Fetched {
        private final WorkspaceId workspace;
        private final Consumer<OpenedWorkspace> ok;
        private final Consumer<WorkspaceProblem> failed;
        private int waiting;
        private WorkspaceServer.LogPage page;
        private WorkspaceServer.Keys keys;
        private List<WorkspaceServer.NoteRow> notes;
        private ApiError logError;
        private ApiError keysError;
        private ApiError notesError;

        Fetched(WorkspaceId workspace, int requests, Consumer<OpenedWorkspace> ok, Consumer<WorkspaceProblem> failed) {
            this.workspace = workspace;
            this.waiting = requests;
            this.ok = ok;
            this.failed = failed;
        }

        void log(WorkspaceServer.LogPage page, ApiError error) {
            this.page = page;
            this.logError = error;
            answered();
        }

        void keys(WorkspaceServer.Keys keys, ApiError error) {
            this.keys = keys;
            this.keysError = error;
            answered();
        }

        void notes(List<WorkspaceServer.NoteRow> notes, ApiError error) {
            this.notes = notes;
            this.notesError = error;
            answered();
        }

        private void answered() {
            if (--waiting == 0) {
                finish();
            }
        }

        private void finish() {
            ApiError error = logError != null ? logError : keysError;
            if (error == null && notesError != null && notesError.status() != 403) {
                error = notesError;
            }
            if (error != null) {
                failed.accept(WorkspaceProblem.server(error));
                return;
            }
            // A pending invitee reads the log and keys (to accept or decline) but not the notes: 403, opened without.
            finishLoad(workspace, page.entries(), keys, notesError == null ? notes : null, ok, failed);
        }
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

    /** What this browser verified before in each workspace, not to be checked again. */
    VerifiedCache verified() {
        return verified;
    }

    /** NFC, as names and titles are sealed (so that the same text typed two ways is one name). */
    String normalize(String text) {
        return nfc.apply(text);
    }
}
