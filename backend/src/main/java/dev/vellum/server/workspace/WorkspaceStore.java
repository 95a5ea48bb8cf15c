package dev.vellum.server.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.config.WorkspaceLimits;
import dev.vellum.server.store.Database;
import dev.vellum.server.workspace.JdbcContactBooks.ContactBook;
import dev.vellum.server.workspace.JdbcWorkspaceNotes.NoteCreation;
import dev.vellum.server.workspace.JdbcWorkspaceNotes.NoteRow;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.Listing;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.MemberRow;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.RegisteredAccount;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.WorkspaceRow;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * The workspace repository as the event loop uses it: every call runs on the database worker pool and comes back as
 * a future, and every call made for a person checks first that the workspace exists (else 404 no_such_workspace)
 * and that the person may do it (a member, a member or invitee, a writer, an owner; else 403).
 */
public final class WorkspaceStore {
    private final JdbcWorkspaceRepository repository;
    private final JdbcWorkspaceNotes notes;
    private final JdbcInvitations invitations;
    private final JdbcContactBooks contactBooks;
    private final WorkspaceLogs logs;
    private final LogAppender appender;
    private final WorkerExecutor executor;
    private final WorkspaceLimits limits;
    private final Clock clock;

    public WorkspaceStore(Database database, WorkerExecutor executor, WorkspaceLimits limits, Clock clock) {
        this.repository = new JdbcWorkspaceRepository(database);
        this.notes = new JdbcWorkspaceNotes(database);
        this.invitations = new JdbcInvitations(database);
        this.contactBooks = new JdbcContactBooks(database);
        this.logs = new WorkspaceLogs(repository);
        this.appender = new LogAppender(repository, invitations, logs, limits, clock);
        this.executor = executor;
        this.limits = limits;
        this.clock = clock;
    }

    /** Who may do something in a workspace. */
    enum Access {
        /** A member, or an invitee who has not answered yet: reads the log and the keys sealed to them. */
        MEMBER_OR_INVITEE,
        /** A member. */
        MEMBER,
        /** An owner or editor. */
        WRITER,
        /** An owner. */
        OWNER
    }

    /** A member's standing for the note relay: role, and the workspace's current epoch. */
    public record Standing(Role role, int currentEpoch) {
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return executor.executeBlocking(work, false);
    }

    /** Blocking: the workspace's row, after checking {@code account} has {@code access} to it. */
    private WorkspaceRow require(WorkspaceId id, AccountId account, Access access) throws ApiError, SQLException {
        WorkspaceRow row = repository.workspace(id).orElseThrow(WorkspaceErrors::noSuchWorkspace);
        MemberRow member = repository.member(id, account).orElseThrow(WorkspaceErrors::notAMember);
        if (access == Access.MEMBER_OR_INVITEE) {
            return row;
        }
        if (member.pending()) {
            throw WorkspaceErrors.notAMember();
        }
        Role role = role(member.role());
        if (access == Access.WRITER && !role.canWrite()) {
            throw WorkspaceErrors.readOnly();
        }
        if (access == Access.OWNER && !role.canManage()) {
            throw WorkspaceErrors.notAnOwner();
        }
        return row;
    }

    /** A role code the server stored itself; one it cannot read means the database was changed under it. */
    static Role role(int code) throws SQLException {
        try {
            return Role.fromCode(code);
        } catch (InvalidMessageException e) {
            throw new SQLException("a stored member role is not a role: " + code, e);
        }
    }

    /** One of a person's workspaces, as listed. */
    record Membership(WorkspaceId workspaceId, Role role, boolean pending, long logLength) {
    }

    Future<List<Membership>> workspacesOf(AccountId account) {
        return blocking(() -> {
            List<Membership> memberships = new java.util.ArrayList<>();
            for (Listing listing : repository.workspacesOf(account)) {
                memberships.add(new Membership(listing.workspaceId(), role(listing.role()), listing.pending(),
                        listing.logLength()));
            }
            return memberships;
        });
    }

    Future<WorkspaceId> create(AccountId creator, byte[] entry, byte[] envelope) {
        return blocking(() -> appender.create(creator, entry, envelope));
    }

    /** A page of the log from {@code from}, and the log's length. */
    record LogPage(List<byte[]> entries, long length) {
    }

    Future<LogPage> log(WorkspaceId id, AccountId account, long from) {
        return blocking(() -> {
            WorkspaceRow row = require(id, account, Access.MEMBER_OR_INVITEE);
            // Every entry from there: a reader verifies the whole chain at once, and the log is capped (flag).
            List<byte[]> entries = from >= row.logLength() ? List.of()
                    : repository.entries(id, from, Integer.MAX_VALUE);
            return new LogPage(entries, row.logLength());
        });
    }

    Future<LogAppender.Appended> append(WorkspaceId id, AccountId poster, List<byte[]> entries,
                                        List<byte[]> envelopes, List<byte[]> links, LogAppender.Welcome welcome) {
        return blocking(() -> appender.append(id, poster, entries, envelopes, links, welcome));
    }

    /** The envelopes sealed to {@code account}, and every epoch link. */
    record Keys(List<byte[]> envelopes, List<byte[]> links) {
    }

    Future<Keys> keys(WorkspaceId id, AccountId account) {
        return blocking(() -> {
            require(id, account, Access.MEMBER_OR_INVITEE);
            return new Keys(repository.envelopesFor(id, account), repository.links(id));
        });
    }

    Future<List<NoteRow>> notes(WorkspaceId id, AccountId account) {
        return blocking(() -> {
            require(id, account, Access.MEMBER);
            return notes.notes(id);
        });
    }

    Future<Void> createNote(WorkspaceId id, AccountId account, NoteId note, byte[] title) {
        return blocking(() -> {
            WorkspaceRow row = require(id, account, Access.WRITER);
            SealedTitles.check(title, id, note, account, identity(account), row.currentEpoch());
            NoteCreation created = notes.createNote(id, note, title, clock.instant(), limits.maxNotes());
            if (created == NoteCreation.ID_TAKEN) {
                throw WorkspaceErrors.noteExists();
            }
            if (created == NoteCreation.TOO_MANY_NOTES) {
                throw WorkspaceErrors.limitReached("The workspace has " + limits.maxNotes()
                        + " notes, the most this server allows.");
            }
            return null;
        });
    }

    Future<Void> retitle(WorkspaceId id, AccountId account, NoteId note, byte[] title) {
        return blocking(() -> {
            WorkspaceRow row = require(id, account, Access.WRITER);
            SealedTitles.check(title, id, note, account, identity(account), row.currentEpoch());
            if (!notes.retitle(id, note, title, clock.instant())) {
                throw WorkspaceErrors.noSuchNote();
            }
            return null;
        });
    }

    /** The account's registered identity, which the log records for it (LogAppender sees to that). */
    private PublicIdentity identity(AccountId account) throws SQLException, ApiError {
        try (java.sql.Connection connection = repository.connection()) {
            return repository.account(connection, account).orElseThrow(WorkspaceErrors::notAMember).identity();
        }
    }

    Future<Void> deleteNote(WorkspaceId id, AccountId account, NoteId note) {
        return blocking(() -> {
            require(id, account, Access.WRITER);
            if (!notes.deleteNote(id, note)) {
                throw WorkspaceErrors.noSuchNote();
            }
            return null;
        });
    }

    Future<Optional<RegisteredAccount>> user(Username username) {
        return blocking(() -> repository.account(username));
    }

    Future<List<byte[]>> joinRequests(WorkspaceId id, AccountId account) {
        return blocking(() -> {
            require(id, account, Access.OWNER);
            return invitations.joinRequests(id);
        });
    }

    Future<Optional<ContactBook>> contactBook(AccountId account) {
        return blocking(() -> contactBooks.contactBook(account));
    }

    Future<OptionalLong> saveContactBook(AccountId account, long expected, byte[] book) {
        return blocking(() -> contactBooks.saveContactBook(account, expected, book));
    }

    /** The workspace a note belongs to; empty for a note shared by link (or none yet). */
    public Future<Optional<WorkspaceId>> workspaceOf(NoteId note) {
        return blocking(() -> notes.workspaceOf(note));
    }

    /**
     * The account's role in the note's workspace and the workspace's current epoch; empty unless the account is a
     * member (not only invited) and the note is still the workspace's (not deleted).
     */
    public Future<Optional<Standing>> standing(WorkspaceId id, NoteId note, AccountId account) {
        return blocking(() -> {
            Optional<JdbcWorkspaceNotes.NoteStanding> found = notes.noteStanding(id, note, account);
            if (found.isEmpty() || found.get().pending()) {
                return Optional.empty();
            }
            return Optional.of(new Standing(role(found.get().role()), found.get().currentEpoch()));
        });
    }

    /** For {@link InvitationDesk}: the repositories, the logs and the clock, used on the workers. */
    JdbcWorkspaceRepository repository() {
        return repository;
    }

    JdbcInvitations invitations() {
        return invitations;
    }

    WorkspaceLogs logs() {
        return logs;
    }

    Clock clock() {
        return clock;
    }

    <T> Future<T> run(Callable<T> work) {
        return blocking(work);
    }
}
