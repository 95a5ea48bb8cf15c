package dev.vellum.server.config;

import dev.vellum.server.http.ConnectionLimits;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
    /** A week: see {@link dev.vellum.protocol.relay.RelayRules#DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_MILLIS}. */
    public static final int DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_HOURS = 168;
    /** What all connections together may hold for clients that read slowly. */
    public static final int DEFAULT_OUTBOX_BUDGET_BYTES = 256 * 1024 * 1024;
    /** Frames are held in memory whole; twice this is the WebSocket layer's own limit, which must fit an int. */
    public static final int MAX_FRAME_BYTES_LIMIT = 64 * 1024 * 1024;
    /** {@code --metrics-port}'s default: no metrics are kept or served. */
    public static final int METRICS_OFF = -1;
    /**
     * The environment variable that holds the database password. Only there: a flag, or a password in the JDBC URL
     * given as a flag, would show in the process list to every user of the machine.
     */
    public static final String JDBC_PASSWORD_VARIABLE = "VELLUM_JDBC_PASSWORD";

    private final String host;
    private final int port;
    private final Path dataDir;
    private final String jdbcUrl;
    private final int maxFrameBytes;
    private final int framesPerSecond;
    private final ConnectionLimits connectionLimits;
    private final List<String> allowedOrigins;
    private final int outboxBudgetBytes;
    private final StorageLimits storageLimits;
    private final AccountLimits accountLimits;
    private final List<String> trustedProxies;
    private final WorkspaceLimits workspaceLimits;
    private final int unconfirmedSnapshotRetentionHours;
    private final String metricsHost;
    private final int metricsPort;
    /** From the environment only, never a flag (the process list shows flags); never printed. */
    private final String jdbcPassword;
    private final OverloadLimits overloadLimits;

    private ServerConfig(String host, int port, Path dataDir, String jdbcUrl, int maxFrameBytes,
                         int framesPerSecond, ConnectionLimits connectionLimits, List<String> allowedOrigins,
                         int outboxBudgetBytes, StorageLimits storageLimits, AccountLimits accountLimits,
                         List<String> trustedProxies, WorkspaceLimits workspaceLimits,
                         int unconfirmedSnapshotRetentionHours, String metricsHost, int metricsPort,
                         String jdbcPassword, OverloadLimits overloadLimits) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxFrameBytes < 1024 || maxFrameBytes > MAX_FRAME_BYTES_LIMIT) {
            throw new IllegalArgumentException("max frame size must be 1024 to " + MAX_FRAME_BYTES_LIMIT
                    + " bytes, got " + maxFrameBytes);
        }
        if (overloadLimits.maxPendingWriteBytes() < maxFrameBytes) {
            throw new IllegalArgumentException("max pending write bytes must hold at least one frame (" + maxFrameBytes
                    + " bytes), got " + overloadLimits.maxPendingWriteBytes());
        }
        if (outboxBudgetBytes < maxFrameBytes) {
            throw new IllegalArgumentException("outbox budget must hold at least one frame (" + maxFrameBytes
                    + " bytes), got " + outboxBudgetBytes);
        }
        if (unconfirmedSnapshotRetentionHours < 0) {
            throw new IllegalArgumentException("unconfirmed snapshot retention must be at least 0 hours, got "
                    + unconfirmedSnapshotRetentionHours);
        }
        if (metricsPort < METRICS_OFF || metricsPort > 65535) {
            throw new IllegalArgumentException("metrics port must be between 0 and 65535 (or -1: off), got "
                    + metricsPort);
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
        this.connectionLimits = connectionLimits;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.outboxBudgetBytes = outboxBudgetBytes;
        this.storageLimits = storageLimits;
        this.accountLimits = accountLimits;
        this.trustedProxies = List.copyOf(trustedProxies);
        this.workspaceLimits = workspaceLimits;
        this.unconfirmedSnapshotRetentionHours = unconfirmedSnapshotRetentionHours;
        this.metricsHost = metricsHost;
        this.metricsPort = metricsPort;
        this.jdbcPassword = jdbcPassword;
        this.overloadLimits = overloadLimits;
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
                settings.getInt("frames-per-second", DEFAULT_FRAMES_PER_SECOND),
                new ConnectionLimits(
                        settings.getInt("idle-timeout-seconds", ConnectionLimits.DEFAULTS.idleTimeoutSeconds()),
                        settings.getInt("request-timeout-seconds", ConnectionLimits.DEFAULTS.requestTimeoutSeconds()),
                        settings.getInt("max-connections", ConnectionLimits.DEFAULTS.maxConnections()),
                        settings.getInt("max-connections-per-address",
                                ConnectionLimits.DEFAULTS.maxConnectionsPerAddress())),
                origins(settings.get("allowed-origins", "")),
                settings.getInt("outbox-budget-bytes", DEFAULT_OUTBOX_BUDGET_BYTES),
                new StorageLimits(
                        settings.getLong("max-note-bytes", StorageLimits.DEFAULTS.maxNoteBytes()),
                        settings.getInt("notes-per-address-per-hour", StorageLimits.DEFAULTS.notesPerAddressPerHour()),
                        settings.getLong("stored-bytes-per-address-per-hour",
                                StorageLimits.DEFAULTS.storedBytesPerAddressPerHour())),
                new AccountLimits(
                        settings.getInt("login-failures-per-username",
                                AccountLimits.DEFAULTS.loginFailuresPerUsername()),
                        settings.getInt("login-failure-wait-seconds", AccountLimits.DEFAULTS.loginFailureWaitSeconds()),
                        settings.getInt("login-failures-per-address-per-minute",
                                AccountLimits.DEFAULTS.loginFailuresPerAddressPerMinute()),
                        settings.getInt("sign-ups-per-address-per-hour",
                                AccountLimits.DEFAULTS.signUpsPerAddressPerHour()),
                        settings.getInt("session-idle-days", AccountLimits.DEFAULTS.sessionIdleDays())),
                addresses(settings.get("trusted-proxies", "")),
                new WorkspaceLimits(
                        settings.getInt("max-workspace-members", WorkspaceLimits.DEFAULTS.maxMembers()),
                        settings.getInt("max-log-entries", WorkspaceLimits.DEFAULTS.maxLogEntries()),
                        settings.getInt("max-workspace-notes", WorkspaceLimits.DEFAULTS.maxNotes()),
                        settings.getInt("max-workspaces-per-account", WorkspaceLimits.DEFAULTS.workspacesPerAccount()),
                        settings.getInt("user-lookups-per-minute", WorkspaceLimits.DEFAULTS.userLookupsPerMinute()),
                        settings.getInt("workspace-reads-per-minute",
                                WorkspaceLimits.DEFAULTS.workspaceReadsPerMinute())),
                settings.getInt("unconfirmed-snapshot-retention-hours", DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_HOURS),
                settings.get("metrics-host", "127.0.0.1"),
                settings.getInt("metrics-port", METRICS_OFF),
                env.get(JDBC_PASSWORD_VARIABLE),
                new OverloadLimits(
                        settings.getInt("max-pending-writes", OverloadLimits.DEFAULTS.maxPendingWrites()),
                        settings.getLong("max-pending-write-bytes", OverloadLimits.DEFAULTS.maxPendingWriteBytes()),
                        settings.getInt("max-pending-writes-per-connection",
                                OverloadLimits.DEFAULTS.maxPendingWritesPerConnection()),
                        settings.getInt("write-delay-target-ms", OverloadLimits.DEFAULTS.writeDelayTargetMillis()),
                        settings.getInt("max-retry-after-ms", OverloadLimits.DEFAULTS.maxRetryAfterMillis())));
    }

    /** A comma-separated list of IP addresses, as the server sees its peers ({@code 127.0.0.1}, {@code ::1}). */
    private static List<String> addresses(String list) {
        List<String> addresses = Arrays.stream(list.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        for (String address : addresses) {
            if (!address.matches("[0-9A-Fa-f.:]+")) {
                throw new IllegalArgumentException("trusted proxy must be an IP address, got '" + address + "'");
            }
        }
        return addresses;
    }

    /** A comma-separated list of origins such as {@code https://notes.example}, without a trailing slash. */
    private static List<String> origins(String list) {
        List<String> origins = Arrays.stream(list.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("allowed origin must look like https://host[:port], got '"
                        + origin + "'");
            }
        }
        return origins;
    }

    /**
     * {@code WRITE_DELAY=0}: H2 otherwise writes a commit to its file up to half a second later, so a process killed
     * in between (kill -9, a crash) lost items the server had already acknowledged. With it, a commit has reached the
     * operating system before {@code commit()} returns; see README, "Durability".
     */
    private static String defaultJdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("vellum") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
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

    /** The database password from {@link #JDBC_PASSWORD_VARIABLE}, or null if none is set (the URL may hold one). */
    public String jdbcPassword() {
        return jdbcPassword;
    }

    /** Largest WebSocket message accepted from a client; larger ones get an error and a 1009 close. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Sustained frames per second one connection may send; bursts of twice this are allowed. */
    public int framesPerSecond() {
        return framesPerSecond;
    }

    public ConnectionLimits connectionLimits() {
        return connectionLimits;
    }

    /**
     * Origins besides the server's own (the Host it is reached by) whose pages may open a WebSocket: for a
     * deployment behind a proxy that rewrites Host. Empty by default.
     */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** Bytes all connections together may hold for slow readers; a connection that would pass it is closed. */
    public int outboxBudgetBytes() {
        return outboxBudgetBytes;
    }

    /** How much one note and one remote address may store. */
    public StorageLimits storageLimits() {
        return storageLimits;
    }

    /** How often logins may fail and accounts be made, per username and per address. */
    public AccountLimits accountLimits() {
        return accountLimits;
    }

    /**
     * Addresses of reverse proxies whose {@code X-Forwarded-Proto: https} is believed, so the session cookie is
     * marked {@code Secure} behind a proxy that ends TLS. Empty by default: the header is then ignored.
     */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /** How large workspaces may grow, and how fast a session may look people up. */
    public WorkspaceLimits workspaceLimits() {
        return workspaceLimits;
    }

    /**
     * How long a snapshot no other reader has confirmed keeps the updates it covers, in milliseconds; 0 lets them go
     * at once (the rule before confirmations, which leaves a forged snapshot unchecked).
     */
    public long unconfirmedSnapshotRetentionMillis() {
        return unconfirmedSnapshotRetentionHours * 60L * 60 * 1000;
    }

    /**
     * Whether the server keeps metrics and serves them at {@code /metrics} on {@link #metricsPort()}; off by default.
     * They hold counts only (see {@code dev.vellum.server.ops.RelayMetrics}), yet say how busy the server is.
     */
    public boolean metricsEnabled() {
        return metricsPort != METRICS_OFF;
    }

    /** The address the metrics listener binds: loopback by default, so only this machine (or a sidecar) reads them. */
    public String metricsHost() {
        return metricsHost;
    }

    /** The port of the separate metrics listener; 0 picks a free one, {@link #METRICS_OFF} serves none. */
    public int metricsPort() {
        return metricsPort;
    }

    /** How much write work the server holds before it answers "retry after" (see {@link OverloadLimits}). */
    public OverloadLimits overloadLimits() {
        return overloadLimits;
    }

    @Override
    public String toString() {
        return "port=" + port + ", host=" + host + ", data-dir=" + dataDir + ", jdbc-url=" + redacted(jdbcUrl)
                + ", max-frame-bytes=" + maxFrameBytes + ", frames-per-second=" + framesPerSecond
                + ", idle-timeout-seconds=" + connectionLimits.idleTimeoutSeconds()
                + ", request-timeout-seconds=" + connectionLimits.requestTimeoutSeconds()
                + ", max-connections=" + connectionLimits.maxConnections()
                + ", max-connections-per-address=" + connectionLimits.maxConnectionsPerAddress()
                + ", allowed-origins=" + String.join(",", allowedOrigins)
                + ", outbox-budget-bytes=" + outboxBudgetBytes
                + ", max-note-bytes=" + storageLimits.maxNoteBytes()
                + ", notes-per-address-per-hour=" + storageLimits.notesPerAddressPerHour()
                + ", stored-bytes-per-address-per-hour=" + storageLimits.storedBytesPerAddressPerHour()
                + ", login-failures-per-username=" + accountLimits.loginFailuresPerUsername()
                + ", login-failure-wait-seconds=" + accountLimits.loginFailureWaitSeconds()
                + ", login-failures-per-address-per-minute=" + accountLimits.loginFailuresPerAddressPerMinute()
                + ", sign-ups-per-address-per-hour=" + accountLimits.signUpsPerAddressPerHour()
                + ", session-idle-days=" + accountLimits.sessionIdleDays()
                + ", trusted-proxies=" + String.join(",", trustedProxies)
                + ", max-workspace-members=" + workspaceLimits.maxMembers()
                + ", max-log-entries=" + workspaceLimits.maxLogEntries()
                + ", max-workspace-notes=" + workspaceLimits.maxNotes()
                + ", max-workspaces-per-account=" + workspaceLimits.workspacesPerAccount()
                + ", user-lookups-per-minute=" + workspaceLimits.userLookupsPerMinute()
                + ", workspace-reads-per-minute=" + workspaceLimits.workspaceReadsPerMinute()
                + ", unconfirmed-snapshot-retention-hours=" + unconfirmedSnapshotRetentionHours
                + ", metrics-host=" + metricsHost + ", metrics-port=" + (metricsEnabled() ? metricsPort : "off")
                + ", max-pending-writes=" + overloadLimits.maxPendingWrites()
                + ", max-pending-write-bytes=" + overloadLimits.maxPendingWriteBytes()
                + ", max-pending-writes-per-connection=" + overloadLimits.maxPendingWritesPerConnection()
                + ", write-delay-target-ms=" + overloadLimits.writeDelayTargetMillis()
                + ", max-retry-after-ms=" + overloadLimits.maxRetryAfterMillis();
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
                java.util.Set.of("host", "port", "data-dir", "jdbc-url", "max-frame-bytes", "frames-per-second",
                        "idle-timeout-seconds", "request-timeout-seconds", "max-connections",
                        "max-connections-per-address", "allowed-origins", "outbox-budget-bytes", "max-note-bytes",
                        "notes-per-address-per-hour", "stored-bytes-per-address-per-hour",
                        "login-failures-per-username", "login-failure-wait-seconds",
                        "login-failures-per-address-per-minute", "sign-ups-per-address-per-hour", "session-idle-days",
                        "trusted-proxies", "max-workspace-members", "max-log-entries", "max-workspace-notes",
                        "max-workspaces-per-account", "user-lookups-per-minute", "workspace-reads-per-minute",
                        "unconfirmed-snapshot-retention-hours", "metrics-host", "metrics-port",
                        "max-pending-writes", "max-pending-write-bytes", "max-pending-writes-per-connection",
                        "write-delay-target-ms", "max-retry-after-ms");

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

        long getLong(String name, long fallback) {
            String value = get(name, Long.toString(fallback));
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
            }
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
