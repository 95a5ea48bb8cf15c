package dev.vellum.server;

import dev.vellum.server.cluster.ClusterNode;
import dev.vellum.server.cluster.ClusterSettings;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.AppBuild;
import dev.vellum.server.ops.LoggingSetup;
import dev.vellum.server.ops.MeteredVertx;
import io.vertx.core.Vertx;

/** Starts the Vellum server: reads settings, deploys {@link MainVerticle}, and prints the URL to open. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LoggingSetup.configure();
        ServerConfig config;
        ClusterSettings cluster;
        try {
            cluster = ClusterSettings.fromArgsAndEnvironment(args, System.getenv());
            config = ServerConfig.fromArgsAndEnvironment(cluster.remainingArgs(), System.getenv());
            cluster.checkSharedDatabase(config.jdbcUrl());
        } catch (IllegalArgumentException e) {
            System.err.println("vellum: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Vellum settings: " + config + ", " + cluster);
        System.out.println("Vellum app build (SHA-256 of the served index.html, which pins every script and the wasm): "
                + AppBuild.indexSha256());
        if (!cluster.enabled()) {
            deploy(MeteredVertx.create(config), config);
            return;
        }
        ClusterNode.start(config, cluster).onComplete(joined -> {
            if (joined.failed()) {
                System.err.println("vellum: could not join the cluster: " + joined.cause().getMessage());
                System.exit(1);
                return;
            }
            System.out.println("Joined the cluster " + cluster.name() + " as " + cluster.host() + ":"
                    + cluster.port());
            deploy(joined.result(), config);
        });
    }

    private static void deploy(Vertx vertx, ServerConfig config) {
        MainVerticle verticle = new MainVerticle(config);
        vertx.deployVerticle(verticle).onComplete(deployed -> {
            if (deployed.succeeded()) {
                System.out.println("Vellum is running. Open http://localhost:" + verticle.actualPort() + "/");
                if (config.metricsEnabled()) {
                    System.out.println("Metrics: http://" + config.metricsHost() + ":" + verticle.actualMetricsPort()
                            + "/metrics");
                }
            } else {
                System.err.println("vellum: could not start: " + deployed.cause().getMessage());
                vertx.close().onComplete(closed -> System.exit(1));
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    }
}
