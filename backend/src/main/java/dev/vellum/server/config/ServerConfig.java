package dev.vellum.server.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Every setting of the server, with defaults, each overridable by a flag ({@code --port 9000}) or an environment
 * variable ({@code VELLUM_PORT=9000}); a flag wins over the environment.
 */
public final class ServerConfig {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATA_DIR = "./vellum-data";
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
    public static final int DEFAULT_FRAMES_PER_SECOND = 50;
    /** Frames are held in memory whole; twice this is the WebSocket layer's own limit, which must fit an int. */
    public static final int MAX_FRAME_BYTES_LIMIT = 64 * 1024 * 1024;

    private final String host;
    private final int port;
    private final Path dataDir;
    private final String jdbcUrl;
    private final int maxFrameBytes;
    private final int framesPerSecond;

    private ServerConfig(String host, int port, Path dataDir, String jdbcUrl, int maxFrameBytes,
                         int framesPerSecond) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxFrameBytes < 1024 || maxFrameBytes > MAX_FRAME_BYTES_LIMIT) {
            throw new IllegalArgumentException("max frame size must be 1024 to " + MAX_FRAME_BYTES_LIMIT
                    + " bytes, got " + maxFrameBytes);
        }
        if (framesPerSecond < 1) {
            throw new IllegalArgumentException("frame rate must be at least 1 per second, got " + framesPerSecond);
        }
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.jdbcUrl = jdbcUrl;
        this.maxFrameBytes = maxFrameBytes;
        this.framesPerSecond = framesPerSecond;
    }

    /**
     * @throws IllegalArgumentException for an unknown flag, a flag without its value, or a value out of range
     */
    public static ServerConfig fromArgsAndEnvironment(String[] args, Map<String, String> env) {
        Settings settings = new Settings(args, env);
        Path dataDir = Path.of(settings.get("data-dir", DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        return new ServerConfig(
                settings.get("host", "0.0.0.0"),
                settings.getInt("port", DEFAULT_PORT),
                dataDir,
                settings.get("jdbc-url", defaultJdbcUrl(dataDir)),
                settings.getInt("max-frame-bytes", DEFAULT_MAX_FRAME_BYTES),
                settings.getInt("frames-per-second", DEFAULT_FRAMES_PER_SECOND));
    }

    private static String defaultJdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("vellum") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Largest WebSocket message accepted from a client; larger ones get an error and a 1009 close. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Sustained frames per second one connection may send; bursts of twice this are allowed. */
    public int framesPerSecond() {
        return framesPerSecond;
    }

    @Override
    public String toString() {
        return "port=" + port + ", host=" + host + ", data-dir=" + dataDir + ", jdbc-url=" + redacted(jdbcUrl)
                + ", max-frame-bytes=" + maxFrameBytes + ", frames-per-second=" + framesPerSecond;
    }

    /** The JDBC URL without credentials, which must never reach stdout or a log. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl
                .replaceAll("//[^/@]*@", "//[redacted]@")
                .replaceAll("(?i)((?:password|user)=)[^;&]*", "$1[redacted]");
    }

    /** Looks a setting up as {@code --name value}, then as {@code VELLUM_NAME}. */
    private static final class Settings {
        private static final java.util.Set<String> KNOWN =
                java.util.Set.of("host", "port", "data-dir", "jdbc-url", "max-frame-bytes", "frames-per-second");

        private final Map<String, String> flags = new java.util.HashMap<>();
        private final Map<String, String> env;

        Settings(String[] args, Map<String, String> env) {
            this.env = env;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--") || !KNOWN.contains(arg.substring(2))) {
                    throw new IllegalArgumentException("unknown option " + arg + "; known: --" + String.join(", --",
                            new java.util.TreeSet<>(KNOWN)));
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                flags.put(arg.substring(2), args[++i]);
            }
        }

        String get(String name, String fallback) {
            String flag = flags.get(name);
            if (flag != null) {
                return flag;
            }
            String fromEnv = env.get("VELLUM_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
        }

        int getInt(String name, int fallback) {
            String value = get(name, Integer.toString(fallback));
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
            }
        }
    }
}
