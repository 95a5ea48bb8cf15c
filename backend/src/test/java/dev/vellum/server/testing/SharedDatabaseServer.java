package dev.vellum.server.testing;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * A database server that several server nodes (in this JVM or as processes) open at once, as they would a
 * PostgreSQL server: H2 in server mode, listening on a loopback port, its files in a test folder.
 */
public final class SharedDatabaseServer implements AutoCloseable {
    private final Server server;

    private SharedDatabaseServer(Server server) {
        this.server = server;
    }

    public static SharedDatabaseServer start(Path folder) throws SQLException {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", folder.toString(), "-ifNotExists")
                .start();
        return new SharedDatabaseServer(server);
    }

    /** The JDBC URL of a database named {@code name} on this server, made on first use. */
    public String jdbcUrl(String name) {
        return "jdbc:h2:tcp://localhost:" + server.getPort() + "/./" + name;
    }

    @Override
    public void close() {
        server.stop();
    }
}
