package dev.vellum.server.store;

/**
 * Tells a database several processes can open (PostgreSQL, H2 in server mode) from one only this process opens
 * (embedded H2: a file it locks, or memory), by its JDBC URL: what {@code --cluster} needs, and whether a single
 * server may keep the notes' latest revisions in memory (only on a database no other process can write to).
 */
public final class SharedDatabases {
    private SharedDatabases() {
    }

    /** Whether other processes could write to the database {@code jdbcUrl} names while this one does. */
    public static boolean isShared(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        if (!url.startsWith("jdbc:h2:")) {
            return true;
        }
        return url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:") || url.contains(";auto_server=true");
    }
}
