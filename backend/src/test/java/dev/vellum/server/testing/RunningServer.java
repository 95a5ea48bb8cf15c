package dev.vellum.server.testing;

import dev.vellum.server.MainVerticle;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.ops.MeteredVertx;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The real server on an ephemeral port with its H2 database in a test folder, as a test fixture. */
public final class RunningServer implements AutoCloseable {
    private final Vertx vertx;
    private final ServerConfig config;
    private final MainVerticle verticle;

    private RunningServer(Vertx vertx, ServerConfig config, MainVerticle verticle) {
        this.vertx = vertx;
        this.config = config;
        this.verticle = verticle;
    }

    public static RunningServer start(ServerConfig config) {
        Vertx vertx = MeteredVertx.create(config);
        MainVerticle verticle = new MainVerticle(config);
        vertx.deployVerticle(verticle).await();
        return new RunningServer(vertx, config, verticle);
    }

    public static RunningServer start(Path dataDir) {
        return start(TestConfigs.inFolder(dataDir));
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The folder of the server's H2 database. */
    public Path dataDir() {
        return config.dataDir();
    }

    /** How the server reaches its database: a test opening the same URL in this JVM shares the open database. */
    public String jdbcUrl() {
        return config.jdbcUrl();
    }

    /** Whether the server reads each note's latest revision under its lock, as a cluster node must. */
    public boolean sharesDatabase() {
        return verticle.sharesDatabase();
    }

    public int port() {
        return verticle.actualPort();
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    /** A path on the metrics listener; only for a server started with {@code --metrics-port}. */
    public String metricsUrl(String path) {
        return "http://127.0.0.1:" + verticle.actualMetricsPort() + path;
    }

    /** Every stored envelope, oldest first, read straight from the database as an attacker who stole it would. */
    public List<byte[]> storedEnvelopes() throws SQLException {
        List<byte[]> envelopes = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT item FROM note_items ORDER BY note_id, revision");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                envelopes.add(rows.getBytes(1));
            }
        }
        return envelopes;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
