package dev.vellum.server.workspace;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.config.WorkspaceLimits;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.MemberRow;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.RegisteredAccount;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.WorkspaceRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores new membership entries, and what comes with them, only after the shared {@link MembershipLog} has verified
 * each against the log so far: the signature by the signer's identity as the log records it, the chain, and the
 * signer's right to make the change. An honest server checks more than a reader can: each entry is sent by its own
 * signer; a Create's creator and every Invite's invitee (and a LinkConfirm's joiner) carry the identity key and
 * username their account registered, so that this server never lets a client put a false key in the log (readers
 * still check everything, since a server may lie). The key envelopes, epoch links and welcome sent with the
 * entries must fit the log as it then stands. All or nothing, in one transaction, under the workspace's lock; the
 * head moves by compare and set, so two appends at the same head (on any node) cannot both land.
 * Blocking: runs on the database workers.
 */
final class LogAppender {
    /** A sealed welcome of an invite link, and the invitation it belongs to. */
    record Welcome(InvitationId invitationId, byte[] sealed) {
    }

    /** What an append did: the new length, and who is no longer a member or invitee (their sockets close). */
    record Appended(long length, Set<AccountId> removed) {
    }

    private final JdbcWorkspaceRepository repository;
    private final JdbcInvitations invitations;
    private final KeyDelivery keys;
    private final WorkspaceLogs logs;
    private final WorkspaceLimits limits;
    private final Clock clock;

    LogAppender(JdbcWorkspaceRepository repository, JdbcInvitations invitations, WorkspaceLogs logs,
                WorkspaceLimits limits, Clock clock) {
        this.repository = repository;
        this.invitations = invitations;
        this.keys = new KeyDelivery(repository);
        this.logs = logs;
        this.limits = limits;
        this.clock = clock;
    }

    /** A new workspace from its genesis Create and the creator's epoch-0 envelope. */
    WorkspaceId create(AccountId creator, byte[] entryBytes, byte[] envelopeBytes) throws ApiError, SQLException {
        MembershipEntry genesis = parse(entryBytes);
        if (!(genesis.body() instanceof EntryBody.Create create)) {
            throw WorkspaceErrors.invalidEntry("A workspace starts with a Create entry.");
        }
        WorkspaceId id = genesis.workspaceId();
        if (id.equals(WorkspaceId.LINK_SHARED)) {
            throw WorkspaceErrors.invalidEntry("The all-zero workspace id names notes shared by link.");
        }
        requireSentBySigner(genesis, creator);
        synchronized (logs.lock(id)) {
            try (Connection connection = repository.connection()) {
                connection.setAutoCommit(false);
                try {
                    requireRegistered(connection, create.creator(), "the creator");
                    MembershipLog log;
                    try {
                        log = MembershipLog.verify(id, List.of(genesis));
                    } catch (MembershipLogException e) {
                        throw refusal(e);
                    }
                    if (repository.countMemberships(connection, creator, false) >= limits.workspacesPerAccount()) {
                        throw WorkspaceErrors.limitReached("You are a member of " + limits.workspacesPerAccount()
                                + " workspaces, the most this server allows.");
                    }
                    if (repository.workspace(connection, id).isPresent()) {
                        throw ApiError.of(409, "workspace_exists", "A workspace with this id exists already.");
                    }
                    KeyEnvelope envelope = KeyDelivery.parse(envelopeBytes, 0);
                    repository.insertWorkspace(connection, id, clock.instant());
                    repository.insertEntry(connection, id, 0, genesis.encode());
                    repository.updateMembers(connection, id, Map.of(), rows(log));
                    keys.deliver(connection, log, creator, List.of(envelope), List.of());
                    if (!repository.advance(connection, id, 0, 1, genesis.hash(), log.currentEpoch())) {
                        throw new SQLException("a new workspace's head moved under its creation");
                    }
                    connection.commit();
                    logs.keep(id, log);
                    return id;
                } catch (ApiError | SQLException | RuntimeException e) {
                    connection.rollback();
                    if (e instanceof SQLException sql && uniqueViolation(sql)) {
                        throw ApiError.of(409, "workspace_exists", "A workspace with this id exists already.");
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * Appends {@code entries} (the first must continue the stored head) with the envelopes, links and welcome that
     * come with them, all sent by {@code poster}.
     */
    Appended append(WorkspaceId id, AccountId poster, List<byte[]> entryBytes, List<byte[]> envelopeBytes,
                    List<byte[]> links, Welcome welcome) throws ApiError, SQLException {
        if (entryBytes.isEmpty()) {
            throw WorkspaceErrors.invalidEntry("An append needs at least one entry.");
        }
        List<MembershipEntry> entries = new ArrayList<>(entryBytes.size());
        for (byte[] bytes : entryBytes) {
            MembershipEntry entry = parse(bytes);
            requireSentBySigner(entry, poster);
            entries.add(entry);
        }
        synchronized (logs.lock(id)) {
            try (Connection connection = repository.connection()) {
                connection.setAutoCommit(false);
                MembershipLog log = null;
                boolean changed = false;
                try {
                    WorkspaceRow row = repository.workspace(connection, id)
                            .orElseThrow(WorkspaceErrors::noSuchWorkspace);
                    Map<AccountId, MemberRow> before = repository.members(connection, id);
                    if (!before.containsKey(poster)) {
                        throw WorkspaceErrors.notAMember();
                    }
                    if (entries.get(0).sequence() != row.logLength()) {
                        throw WorkspaceErrors.staleLog(row.logLength());
                    }
                    log = logs.current(connection, row);
                    List<InvitationId> closedInvitations = new ArrayList<>();
                    InvitationId opened = null;
                    for (MembershipEntry entry : entries) {
                        checkHonest(connection, entry, log);
                        changed = true; // from here the cached log may hold entries that are not stored
                        try {
                            log.append(entry);
                        } catch (MembershipLogException e) {
                            throw refusal(e);
                        }
                        EntryBody body = entry.body();
                        if (body instanceof EntryBody.LinkInvite invite) {
                            if (opened != null) {
                                throw WorkspaceErrors.invalidEntry("One invite link per request, with its welcome.");
                            }
                            opened = invite.invitation();
                        } else if (body instanceof EntryBody.LinkRevoke revoke) {
                            closedInvitations.add(revoke.invitation());
                        } else if (body instanceof EntryBody.LinkConfirm confirm) {
                            closedInvitations.add(confirm.invitation());
                        }
                    }
                    long length = log.head().sequence() + 1;
                    if (length > limits.maxLogEntries()) {
                        throw WorkspaceErrors.limitReached("The workspace's log would pass "
                                + limits.maxLogEntries() + " entries, the most this server keeps.");
                    }
                    Map<AccountId, MemberRow> after = rows(log);
                    if (after.size() > limits.maxMembers()) {
                        throw WorkspaceErrors.limitReached("The workspace would have more than " + limits.maxMembers()
                                + " members and invitees, the most this server allows.");
                    }
                    List<KeyEnvelope> envelopes = new ArrayList<>(envelopeBytes.size());
                    for (byte[] bytes : envelopeBytes) {
                        envelopes.add(KeyDelivery.parse(bytes, log.currentEpoch()));
                    }
                    checkWelcome(log, opened, welcome);
                    long first = entries.get(0).sequence();
                    try {
                        for (int i = 0; i < entries.size(); i++) {
                            repository.insertEntry(connection, id, first + i, entries.get(i).encode());
                        }
                    } catch (SQLException e) {
                        // Another node stored an entry at this sequence since the head was read.
                        if (uniqueViolation(e)) {
                            throw WorkspaceErrors.staleLog(row.logLength());
                        }
                        throw e;
                    }
                    repository.updateMembers(connection, id, before, after);
                    keys.deliver(connection, log, poster, envelopes, links);
                    if (welcome != null) {
                        try {
                            invitations.insertInvitation(connection, welcome.invitationId().toBytes(), id,
                                    welcome.sealed(), Instant.ofEpochMilli(log.linkInvitation(
                                            welcome.invitationId()).orElseThrow().expiresAtMillis()));
                        } catch (SQLException e) {
                            // The id is the hash of the link's key: only a copied key gives one already stored.
                            if (uniqueViolation(e)) {
                                throw ApiError.of(409, "invitation_exists",
                                        "An invite link with this id exists already; make a new link.");
                            }
                            throw e;
                        }
                    }
                    for (InvitationId closed : closedInvitations) {
                        invitations.deleteJoinRequest(connection, closed.toBytes());
                    }
                    if (!repository.advance(connection, id, row.logLength(), length, log.head().entryHash(),
                            log.currentEpoch())) {
                        throw WorkspaceErrors.staleLog(row.logLength());
                    }
                    connection.commit();
                    logs.keep(id, log);
                    Set<AccountId> removed = before.keySet().stream().filter(a -> !after.containsKey(a))
                            .collect(Collectors.toUnmodifiableSet());
                    return new Appended(length, removed);
                } catch (ApiError | SQLException | RuntimeException e) {
                    connection.rollback();
                    if (changed) {
                        logs.forget(id);
                    }
                    throw e;
                }
            }
        }
    }

    private static boolean uniqueViolation(SQLException e) {
        return SqlRows.UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    private static MembershipEntry parse(byte[] bytes) throws ApiError {
        try {
            return MembershipEntry.parse(bytes);
        } catch (InvalidMessageException e) {
            throw WorkspaceErrors.invalidEntry("An entry is not a membership entry: " + e.getMessage());
        }
    }

    /** Each entry comes from its own signer: nobody hands the server another's signed change. */
    private static void requireSentBySigner(MembershipEntry entry, AccountId poster) throws ApiError {
        if (!entry.signer().equals(poster)) {
            throw WorkspaceErrors.invalidEntry("Entry " + entry.sequence()
                    + " is signed by another account than yours; each person sends their own entries.");
        }
    }

    /** What the log cannot know: a new member's record is the account's as registered, and the account caps. */
    private void checkHonest(Connection connection, MembershipEntry entry, MembershipLog log) throws ApiError,
            SQLException {
        EntryBody body = entry.body();
        if (body instanceof EntryBody.Invite invite) {
            requireRegistered(connection, invite.invitee(), "the invitee");
            if (repository.countMemberships(connection, invite.invitee().accountId(), true)
                    >= limits.workspacesPerAccount()) {
                throw WorkspaceErrors.limitReached(invite.invitee().username().value() + " has "
                        + limits.workspacesPerAccount() + " pending invitations, the most this server allows.");
            }
        } else if (body instanceof EntryBody.LinkConfirm confirm) {
            requireRegistered(connection, confirm.joiner(), "the joiner");
            requireRoomFor(connection, confirm.joiner().accountId());
        } else if (body instanceof EntryBody.Accept) {
            requireRoomFor(connection, entry.signer());
        }
    }

    private void requireRoomFor(Connection connection, AccountId account) throws ApiError, SQLException {
        if (repository.countMemberships(connection, account, false) >= limits.workspacesPerAccount()) {
            throw WorkspaceErrors.limitReached("That account is a member of " + limits.workspacesPerAccount()
                    + " workspaces, the most this server allows.");
        }
    }

    private void requireRegistered(Connection connection, MemberRecord record, String who) throws ApiError,
            SQLException {
        Optional<RegisteredAccount> registered = repository.account(connection, record.accountId());
        if (registered.isEmpty()) {
            throw WorkspaceErrors.identityMismatch("The log names " + who + " by an account that does not exist.");
        }
        if (!registered.get().username().equals(record.username())
                || !registered.get().identity().equals(record.identity())) {
            throw WorkspaceErrors.identityMismatch("The log must name " + who + " with the username and identity "
                    + "key their account registered.");
        }
    }

    private static ApiError refusal(MembershipLogException e) {
        return switch (e.reason()) {
            case NOT_ALLOWED -> WorkspaceErrors.notAllowed(e.getMessage());
            default -> WorkspaceErrors.invalidEntry(e.getMessage());
        };
    }

    /** A new invite link comes with its sealed welcome, and a welcome only with its invite link. */
    private static void checkWelcome(MembershipLog log, InvitationId opened, Welcome welcome) throws ApiError {
        if (opened == null && welcome == null) {
            return;
        }
        if (opened == null || welcome == null || !opened.equals(welcome.invitationId())) {
            throw WorkspaceErrors.invalidEntry("An invite link's entry and its welcome are sent together, with "
                    + "the same invitation id.");
        }
        if (log.linkInvitation(opened).isEmpty()) {
            throw new IllegalStateException("the log holds no invitation it just opened");
        }
    }

    /** The member rows the log gives: members, then pending invitees. */
    static Map<AccountId, MemberRow> rows(MembershipLog log) {
        Map<AccountId, MemberRow> rows = new HashMap<>();
        for (MemberRecord record : log.pendingInvitations()) {
            rows.put(record.accountId(), new MemberRow(record.accountId(), record.role().code(), true));
        }
        for (MemberRecord record : log.members()) {
            rows.put(record.accountId(), new MemberRow(record.accountId(), record.role().code(), false));
        }
        return rows;
    }
}
