package dev.vellum.server.workspace;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.WorkspaceRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each workspace's membership log as the shared {@link MembershipLog} verified it, kept in memory for the workspaces
 * used lately (bounded) and rebuilt from the stored entries, each verified again, when missing or behind the stored
 * head (another node appended, or an append here failed half-way). One lock per workspace: an append, and a read of
 * the log it may change, never run at once. Blocking (verification and JDBC): runs on the database workers.
 */
final class WorkspaceLogs {
    /**
     * Entries kept in memory over all cached logs (an entry is at most about 1 KiB, most a few hundred bytes); the
     * least recently used logs go first, and are rebuilt from their rows when next used.
     */
    static final long MAX_CACHED_ENTRIES = 100_000;
    /** Locks are striped by workspace: bounded memory, and two workspaces rarely share one. */
    private static final int LOCK_STRIPES = 64;

    private final JdbcWorkspaceRepository repository;
    private final Object[] locks = new Object[LOCK_STRIPES];
    /** In access order, for dropping the least recently used. Guarded by itself. */
    private final Map<WorkspaceId, MembershipLog> cached = new LinkedHashMap<>(16, 0.75f, true);

    WorkspaceLogs(JdbcWorkspaceRepository repository) {
        this.repository = repository;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** The lock to hold while reading or changing {@code id}'s log. */
    Object lock(WorkspaceId id) {
        return locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
    }

    /**
     * The log as stored at {@code row}'s head, verified. Call with {@link #lock} held; a caller that appends does so
     * to a {@link MembershipLog#copy} and {@link #keep}s it once stored, so the one kept here never holds entries
     * that were not stored.
     *
     * @throws SQLException also when the stored entries do not verify: the database was changed under the server
     */
    MembershipLog current(Connection connection, WorkspaceRow row) throws SQLException {
        MembershipLog log;
        synchronized (cached) {
            log = cached.get(row.id());
        }
        if (log != null && matches(log.head(), row)) {
            return log;
        }
        try {
            log = log != null && log.length() < row.logLength()
                    ? caughtUp(connection, row, log) : rebuilt(connection, row);
        } catch (InvalidMessageException e) {
            throw new SQLException("the stored membership log of workspace " + row.id() + " does not verify: "
                    + e.getMessage(), e);
        }
        if (!matches(log.head(), row)) {
            throw new SQLException("the stored membership log of workspace " + row.id()
                    + " does not end at its recorded head");
        }
        keep(row.id(), log);
        return log;
    }

    /**
     * The cached log, behind the stored head (another node appended): only the missing entries are read and
     * verified, on a copy, so that a busy workspace never costs a whole log's signatures per request.
     */
    private MembershipLog caughtUp(Connection connection, WorkspaceRow row, MembershipLog behind)
            throws SQLException, InvalidMessageException {
        MembershipLog log = behind.copy();
        for (byte[] entry : repository.entries(connection, row.id(), log.length(), Integer.MAX_VALUE)) {
            log.append(MembershipEntry.parse(entry));
        }
        return log;
    }

    /**
     * The log rebuilt from its stored rows: the rules and the chain checked again, not the signatures, which this
     * server verified before storing each entry. Rebuilding is what a request that misses the cache costs, and
     * anyone logged in can make requests that name a workspace (an invitation's, say): checking thousands of
     * signatures each time would let one account keep the cores busy.
     */
    private MembershipLog rebuilt(Connection connection, WorkspaceRow row)
            throws SQLException, InvalidMessageException {
        List<byte[]> stored = repository.entries(connection, row.id(), 0, Integer.MAX_VALUE);
        List<MembershipEntry> entries = new ArrayList<>(stored.size());
        for (byte[] entry : stored) {
            entries.add(MembershipEntry.parse(entry));
        }
        return MembershipLog.restoreVerified(row.id(), entries);
    }

    private static boolean matches(LogHead head, WorkspaceRow row) {
        return head.sequence() + 1 == row.logLength() && Arrays.equals(head.entryHash(), row.headHash());
    }

    void keep(WorkspaceId id, MembershipLog log) {
        synchronized (cached) {
            cached.put(id, log);
            long entries = cached.values().stream().mapToLong(MembershipLog::length).sum();
            var oldestFirst = cached.entrySet().iterator();
            while (entries > MAX_CACHED_ENTRIES && oldestFirst.hasNext()) {
                var oldest = oldestFirst.next();
                if (!oldest.getKey().equals(id)) {
                    entries -= oldest.getValue().length();
                    oldestFirst.remove();
                }
            }
        }
    }
}
