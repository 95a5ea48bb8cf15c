package dev.vellum.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private static final String[] NO_ARGS = {};

    @Test
    void defaults_port8080_dataDirVellumData_h2InDataDir() {
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of());

        assertEquals(8080, config.port());
        assertEquals(Path.of("vellum-data").toAbsolutePath().normalize(), config.dataDir());
        assertTrue(config.jdbcUrl().startsWith("jdbc:h2:file:" + config.dataDir()), config.jdbcUrl());
        assertEquals(1024 * 1024, config.maxFrameBytes());
        assertTrue(config.jdbcUrl().contains(";WRITE_DELAY=0"), "acknowledged items must survive a crash");
        assertEquals(dev.vellum.server.http.ConnectionLimits.DEFAULTS, config.connectionLimits());
        assertTrue(config.allowedOrigins().isEmpty());
        assertEquals(StorageLimits.DEFAULTS, config.storageLimits());
        assertEquals(64L * 1024 * 1024, config.storageLimits().maxNoteBytes());
    }

    @Test
    void storageLimits_fromFlagsAndEnvironment_printedAtStart() {
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-note-bytes", "5000000000", "--notes-per-address-per-hour", "3"},
                Map.of("VELLUM_STORED_BYTES_PER_ADDRESS_PER_HOUR", "65536"));

        assertEquals(new StorageLimits(5_000_000_000L, 3, 65536), config.storageLimits());
        assertTrue(config.toString().contains("max-note-bytes=5000000000, notes-per-address-per-hour=3, "
                + "stored-bytes-per-address-per-hour=65536"), config.toString());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--notes-per-address-per-hour", "0"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-note-bytes", "lots"}, Map.of()));
    }

    @Test
    void overloadLimits_fromFlagsAndEnvironment_printedAtStart_andARetryAfterPastAMinuteIsRefused() {
        assertEquals(OverloadLimits.DEFAULTS, ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of()).overloadLimits());
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-pending-writes", "7", "--write-delay-target-ms", "250", "--max-frame-bytes",
                    "4096", "--outbox-budget-bytes", "4096"},
                Map.of("VELLUM_MAX_PENDING_WRITES_PER_CONNECTION", "2", "VELLUM_MAX_RETRY_AFTER_MS", "1000",
                        "VELLUM_MAX_PENDING_WRITE_BYTES", "4096"));

        assertEquals(new OverloadLimits(7, 4096, 2, 250, 1000), config.overloadLimits());
        assertTrue(config.toString().contains("max-pending-writes=7"), config.toString());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-retry-after-ms", "60001"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-pending-writes", "0"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-pending-write-bytes", "4096"}, Map.of()),
                "fewer bytes held than one frame may carry: that frame would be refused forever");
    }

    @Test
    void unconfirmedSnapshotRetention_aWeekByDefault_fromFlagOrEnvironment_printedAtStart() {
        assertEquals(168L * 60 * 60 * 1000,
                ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of()).unconfirmedSnapshotRetentionMillis());
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--unconfirmed-snapshot-retention-hours", "2"}, Map.of());
        assertEquals(2L * 60 * 60 * 1000, config.unconfirmedSnapshotRetentionMillis());
        assertTrue(config.toString().contains("unconfirmed-snapshot-retention-hours=2"), config.toString());
        assertEquals(0, ServerConfig.fromArgsAndEnvironment(NO_ARGS,
                Map.of("VELLUM_UNCONFIRMED_SNAPSHOT_RETENTION_HOURS", "0")).unconfirmedSnapshotRetentionMillis());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--unconfirmed-snapshot-retention-hours", "-1"}, Map.of()));
    }

    @Test
    void connectionSettings_fromFlagsAndEnvironment() {
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--idle-timeout-seconds", "30", "--allowed-origins", "https://a.example, http://b:8080"},
                Map.of("VELLUM_REQUEST_TIMEOUT_SECONDS", "5", "VELLUM_MAX_CONNECTIONS", "100",
                        "VELLUM_MAX_CONNECTIONS_PER_ADDRESS", "7"));

        assertEquals(new dev.vellum.server.http.ConnectionLimits(30, 5, 100, 7), config.connectionLimits());
        assertEquals(java.util.List.of("https://a.example", "http://b:8080"), config.allowedOrigins());
    }

    @Test
    void accountLimits_andTrustedProxies_fromFlagsAndEnvironment() {
        ServerConfig defaults = ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of());
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--login-failures-per-username", "3", "--trusted-proxies", "10.0.0.1, ::1",
                        "--session-idle-days", "7"},
                Map.of("VELLUM_LOGIN_FAILURE_WAIT_SECONDS", "60", "VELLUM_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE", "9",
                        "VELLUM_SIGN_UPS_PER_ADDRESS_PER_HOUR", "4"));

        assertEquals(AccountLimits.DEFAULTS, defaults.accountLimits());
        assertEquals(new AccountLimits(5, 30, 20, 10, 30), defaults.accountLimits());
        assertEquals(java.util.List.of(), defaults.trustedProxies());
        assertEquals(new AccountLimits(3, 60, 9, 4, 7), config.accountLimits());
        assertEquals(java.util.List.of("10.0.0.1", "::1"), config.trustedProxies());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--login-failures-per-username", "0"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--trusted-proxies", "proxy.example"}, Map.of()));
    }

    @Test
    void workspaceLimits_fromFlagsAndEnvironment_printedAtStart() {
        ServerConfig defaults = ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of());
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-workspace-members", "20", "--max-log-entries", "200"},
                Map.of("VELLUM_MAX_WORKSPACE_NOTES", "500", "VELLUM_MAX_WORKSPACES_PER_ACCOUNT", "3",
                        "VELLUM_USER_LOOKUPS_PER_MINUTE", "5"));

        assertEquals(new WorkspaceLimits(1_000, 10_000, 10_000, 100, 30, 300), defaults.workspaceLimits());
        assertEquals(new WorkspaceLimits(20, 200, 500, 3, 5, 300), config.workspaceLimits());
        assertTrue(config.toString().contains("max-workspace-members=20, max-log-entries=200, "
                + "max-workspace-notes=500, max-workspaces-per-account=3, user-lookups-per-minute=5"),
                config.toString());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-workspace-members", "1"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--user-lookups-per-minute", "0"}, Map.of()));
    }

    @Test
    void badConnectionSettings_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--idle-timeout-seconds", "0"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-connections-per-address", "-1"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--allowed-origins", "https://a.example/path"}, Map.of()));
    }

    @Test
    void environment_overridesDefaults() {
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(NO_ARGS,
                Map.of("VELLUM_PORT", "9001", "VELLUM_DATA_DIR", "/tmp/v", "VELLUM_MAX_FRAME_BYTES", "2048"));

        assertEquals(9001, config.port());
        assertEquals(Path.of("/tmp/v"), config.dataDir());
        assertEquals(2048, config.maxFrameBytes());
    }

    @Test
    void flags_overrideEnvironment() {
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--port", "9002", "--jdbc-url", "jdbc:h2:mem:x"}, Map.of("VELLUM_PORT", "9001"));

        assertEquals(9002, config.port());
        assertEquals("jdbc:h2:mem:x", config.jdbcUrl());
    }

    @Test
    void unknownFlag_missingValue_orBadNumber_isRejectedWithClearMessage() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromArgsAndEnvironment(new String[] {"--prot", "1"}, Map.of()));
        assertTrue(unknown.getMessage().contains("unknown option --prot"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromArgsAndEnvironment(new String[] {"--port"}, Map.of()));
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of("VELLUM_PORT", "eighty")));
        assertTrue(notANumber.getMessage().contains("port must be a whole number"), notANumber.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromArgsAndEnvironment(new String[] {"--port", "70000"}, Map.of()));
    }

    @Test
    void toString_neverPrintsDatabaseCredentials() {
        String printed = ServerConfig.fromArgsAndEnvironment(new String[] {"--jdbc-url",
                "jdbc:postgresql://vellum:hunter2@db.example/vellum?user=vellum&password=hunter2;PASSWORD=hunter2"},
                Map.of()).toString();

        assertTrue(printed.contains("jdbc:postgresql://[redacted]@db.example/vellum"), printed);
        assertTrue(!printed.contains("hunter2"), printed);
    }

    @Test
    void theDatabasePassword_comesFromTheEnvironmentOnly_andIsNeverPrinted() {
        ServerConfig config = ServerConfig.fromArgsAndEnvironment(
                new String[] {"--jdbc-url", "jdbc:postgresql://db.example/vellum?user=vellum"},
                Map.of("VELLUM_JDBC_PASSWORD", "hunter2"));

        assertEquals("hunter2", config.jdbcPassword());
        assertTrue(!config.toString().contains("hunter2"), config.toString());
        assertEquals(null, ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of()).jdbcPassword());
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromArgsAndEnvironment(new String[] {"--jdbc-password", "hunter2"}, Map.of()));
        assertTrue(flag.getMessage().contains("unknown option --jdbc-password"), "never a flag: " + flag.getMessage());
    }

    @Test
    void metrics_offByDefault_onLoopbackWhenOn_fromFlagOrEnvironment() {
        ServerConfig defaults = ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of());
        assertTrue(!defaults.metricsEnabled());
        assertTrue(defaults.toString().contains("metrics-port=off"), defaults.toString());

        ServerConfig on = ServerConfig.fromArgsAndEnvironment(new String[] {"--metrics-port", "9100"}, Map.of());
        assertTrue(on.metricsEnabled());
        assertEquals(9100, on.metricsPort());
        assertEquals("127.0.0.1", on.metricsHost());
        ServerConfig fromEnvironment = ServerConfig.fromArgsAndEnvironment(NO_ARGS,
                Map.of("VELLUM_METRICS_PORT", "9101", "VELLUM_METRICS_HOST", "10.0.0.5"));
        assertEquals(9101, fromEnvironment.metricsPort());
        assertEquals("10.0.0.5", fromEnvironment.metricsHost());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--metrics-port", "-2"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--metrics-port", "65536"}, Map.of()));
    }

    @Test
    void maxFrameBytes_outsideItsRange_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromArgsAndEnvironment(
                new String[] {"--max-frame-bytes", String.valueOf(ServerConfig.MAX_FRAME_BYTES_LIMIT + 1)}, Map.of()));
    }

    @Test
    void toString_namesEverySetting() {
        String printed = ServerConfig.fromArgsAndEnvironment(NO_ARGS, Map.of()).toString();

        for (String name : new String[] {"port=", "data-dir=", "jdbc-url=", "max-frame-bytes=", "frames-per-second=",
                "idle-timeout-seconds=", "request-timeout-seconds=", "max-connections=", "max-connections-per-address=",
                "allowed-origins=", "login-failures-per-username=", "login-failure-wait-seconds=",
                "login-failures-per-address-per-minute=", "sign-ups-per-address-per-hour=", "session-idle-days=",
                "trusted-proxies=", "max-workspace-members=", "max-log-entries=", "max-workspace-notes=",
                "max-workspaces-per-account=", "user-lookups-per-minute="}) {
            assertTrue(printed.contains(name), printed);
        }
    }
}
