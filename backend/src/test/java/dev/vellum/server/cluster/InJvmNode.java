package dev.vellum.server.cluster;

import dev.vellum.server.MainVerticle;
import dev.vellum.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** One clustered server node in this JVM: its own Vert.x and Hazelcast member, and the real {@link MainVerticle}. */
final class InJvmNode implements AutoCloseable {
    private final Vertx vertx;
    private final MainVerticle verticle;

    private InJvmNode(Vertx vertx, MainVerticle verticle) {
        this.vertx = vertx;
        this.verticle = verticle;
    }

    /**
     * @param clusterPort this node's Hazelcast port
     * @param members every node's {@code 127.0.0.1:port}
     */
    static InJvmNode start(ServerConfig config, int clusterPort, String members) {
        ClusterSettings cluster = ClusterSettings.fromArgsAndEnvironment(new String[] {"--cluster",
                "--cluster-port", Integer.toString(clusterPort), "--cluster-members", members}, Map.of());
        cluster.checkSharedDatabase(config.jdbcUrl());
        Vertx vertx = ClusterNode.start(config, cluster).await();
        MainVerticle verticle = new MainVerticle(config);
        vertx.deployVerticle(verticle).await();
        return new InJvmNode(vertx, verticle);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Vertx vertx() {
        return vertx;
    }

    boolean sharesDatabase() {
        return verticle.sharesDatabase();
    }

    int port() {
        return verticle.actualPort();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
