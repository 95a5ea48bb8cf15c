package dev.vellum.server.testing;

import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.ConnectionLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Server settings for tests: loopback, an ephemeral port and an H2 database in a test folder. Built through the same
 * flags a person would pass, so tests exercise the real parsing and the app carries no test-only factory.
 */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** The defaults, on 127.0.0.1 and a free port, with the database in {@code dataDir}. */
    public static ServerConfig inFolder(Path dataDir) {
        return withLimits(dataDir, ServerConfig.DEFAULT_MAX_FRAME_BYTES, ServerConfig.DEFAULT_FRAMES_PER_SECOND);
    }

    /** As {@link #inFolder}, with the given WebSocket frame size and rate limits. */
    public static ServerConfig withLimits(Path dataDir, int maxFrameBytes, int framesPerSecond) {
        return withFlags(dataDir, "--max-frame-bytes", Integer.toString(maxFrameBytes),
                "--frames-per-second", Integer.toString(framesPerSecond));
    }

    /** As {@link #inFolder}, with these connection timeouts and caps. */
    public static ServerConfig withConnectionLimits(Path dataDir, ConnectionLimits limits) {
        return withFlags(dataDir,
                "--idle-timeout-seconds", Integer.toString(limits.idleTimeoutSeconds()),
                "--request-timeout-seconds", Integer.toString(limits.requestTimeoutSeconds()),
                "--max-connections", Integer.toString(limits.maxConnections()),
                "--max-connections-per-address", Integer.toString(limits.maxConnectionsPerAddress()));
    }

    /** As {@link #inFolder}, with more flags as a person would pass them, e.g. {@code "--allowed-origins", "..."}. */
    public static ServerConfig withFlags(Path dataDir, String... flags) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()));
        args.addAll(List.of(flags));
        return ServerConfig.fromArgsAndEnvironment(args.toArray(String[]::new), Map.of());
    }
}
