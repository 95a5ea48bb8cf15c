package dev.vellum.server;

import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.AppBuild;
import io.vertx.core.Vertx;

/** Starts the Vellum server: reads settings, deploys {@link MainVerticle}, and prints the URL to open. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromArgsAndEnvironment(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("vellum: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Vellum settings: " + config);
        System.out.println("Vellum app build (SHA-256 of the served index.html, which pins every script and the wasm): "
                + AppBuild.indexSha256());
        Vertx vertx = Vertx.vertx();
        MainVerticle verticle = new MainVerticle(config);
        vertx.deployVerticle(verticle).onComplete(deployed -> {
            if (deployed.succeeded()) {
                System.out.println("Vellum is running. Open http://localhost:" + verticle.actualPort() + "/");
            } else {
                System.err.println("vellum: could not start: " + deployed.cause().getMessage());
                vertx.close().onComplete(closed -> System.exit(1));
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    }
}
