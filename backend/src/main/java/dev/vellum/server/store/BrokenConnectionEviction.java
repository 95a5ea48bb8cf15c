package dev.vellum.server.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells HikariCP to throw away a connection whose database has gone, instead of lending it out again: by default
 * it evicts only on the standard "connection" SQL states (08xxx), and H2 reports a closed database with its own
 * codes, so after H2 closed itself (an OutOfMemoryError, a {@code SHUTDOWN}) every note failed until a restart.
 * A fresh connection to an embedded H2 file opens the database again.
 */
public final class BrokenConnectionEviction implements SQLExceptionOverride {
    /**
     * H2's error codes (as SQL states) for "the database is closed or closing": DATABASE_IS_CLOSED (90098),
     * DATABASE_CALLED_AT_SHUTDOWN (90121), OBJECT_CLOSED (90007), OUT_OF_MEMORY (90108), FILE_CORRUPTED (90030),
     * GENERAL_ERROR (50000, which H2 also uses for a store closed by a write failure).
     */
    private static final Set<String> BROKEN_STATES = Set.of("90098", "90121", "90007", "90108", "90030", "50000");

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (BROKEN_STATES.contains(sql.getSQLState()) || sql.getSQLState().startsWith("08"))) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
