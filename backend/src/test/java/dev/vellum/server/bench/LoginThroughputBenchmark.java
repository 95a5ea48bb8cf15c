package dev.vellum.server.bench;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.account.LoginProof;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The server's login throughput: the real server on loopback, {@value #CLIENTS} JVM clients each logging one of
 * its accounts in over and over (start, then finish with the device's signature of the challenge), as fast as the
 * server answers. The clients skip Argon2id (they hold the derived authentication key), so the figure is the
 * server's: per login it looks the account up, checks the authentication key's hash, makes a challenge, then
 * verifies the certificate and the signature and writes a session. Then, apart, how many challenges one thread
 * verifies a second in process (certificate and proof, the finish's cryptography alone). Figures, not pass/fail;
 * the clients share the machine with the server.
 *
 * <pre>mvn -B -q -pl backend -am verify -DskipTests -Plogin-benchmark</pre>
 */
public final class LoginThroughputBenchmark {
    private static final int CLIENTS = 4;
    private static final long WARM_UP_MILLIS = 5_000;
    private static final long MEASURE_MILLIS = 10_000;

    private LoginThroughputBenchmark() {
    }

    /** One client's logins: the answers' times, start and finish apart. */
    private record Timings(List<Long> startNanos, List<Long> finishNanos) {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("vellum-login-benchmark");
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                // Every start counts against the address (ten times this a minute); here all come from one.
                "--login-failures-per-address-per-minute", "1000000"))) {
            List<AccountBrowser> browsers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                AccountBrowser browser = new AccountBrowser(new TestAccount("bench" + i, "benchmark passphrase " + i),
                        server.port());
                if (browser.signUp().status() != 201) {
                    throw new IllegalStateException("could not sign up bench" + i);
                }
                browsers.add(browser);
            }
            run(browsers, WARM_UP_MILLIS); // the server's code compiled by the JIT, as on a server up a while
            long began = System.nanoTime();
            List<Timings> timings = run(browsers, MEASURE_MILLIS);
            double seconds = (System.nanoTime() - began) / 1e9;
            long[] starts = timings.stream().flatMap(t -> t.startNanos().stream()).mapToLong(Long::longValue)
                    .sorted().toArray();
            long[] finishes = timings.stream().flatMap(t -> t.finishNanos().stream()).mapToLong(Long::longValue)
                    .sorted().toArray();
            System.out.println();
            System.out.printf(Locale.ROOT, "Logins (start + finish over HTTP, %d clients, %.0f s): %.0f a second; "
                            + "start p50 %.2f ms, p99 %.2f ms; finish p50 %.2f ms, p99 %.2f ms%n", CLIENTS, seconds,
                    finishes.length / seconds, percentile(starts, 50), percentile(starts, 99),
                    percentile(finishes, 50), percentile(finishes, 99));
            System.out.printf(Locale.ROOT, "Challenges verified over HTTP (finish answered 200): %.0f a second%n",
                    finishes.length / seconds);
        }
        System.out.printf(Locale.ROOT, "Challenges verified in process, one thread (certificate + proof): "
                + "%.0f a second%n", verifiedInProcess());
    }

    private static List<Timings> run(List<AccountBrowser> browsers, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            List<Future<Timings>> running = new ArrayList<>();
            for (AccountBrowser browser : browsers) {
                running.add(pool.submit(() -> loginsUntil(browser, deadline)));
            }
            List<Timings> timings = new ArrayList<>();
            for (Future<Timings> client : running) {
                timings.add(client.get());
            }
            return timings;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Timings loginsUntil(AccountBrowser browser, long deadline) throws Exception {
        List<Long> starts = new ArrayList<>();
        List<Long> finishes = new ArrayList<>();
        String username = browser.account.username.value();
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            ApiClient.Response start = browser.startLogin(username, browser.account.keys.authKey());
            long t1 = System.nanoTime();
            if (start.status() != 200) {
                throw new IllegalStateException("login start: " + start);
            }
            JsonObject answer = start.json();
            String challenge = answer.getString("challenge");
            byte[] proof = browser.sign(challenge, AccountId.parse(answer.getString("accountId")));
            long t2 = System.nanoTime();
            ApiClient.Response finish = browser.finishLogin(challenge, browser.certificate(), proof);
            long t3 = System.nanoTime();
            if (finish.status() != 200) {
                throw new IllegalStateException("login finish: " + finish);
            }
            starts.add(t1 - t0);
            finishes.add(t3 - t2);
        }
        return new Timings(starts, finishes);
    }

    /** What the finish's cryptography alone allows: the certificate's and the proof's Ed25519 verification. */
    private static double verifiedInProcess() throws Exception {
        TestAccount account = new TestAccount("bench", "benchmark passphrase");
        IdentityKeyPair device = account.device;
        DeviceCertificate certificate = account.certificate;
        byte[] encoded = certificate.encode();
        LoginChallenge challenge = LoginChallenge.random(account.random);
        byte[] proof = LoginProof.sign(device, challenge, account.accountId);
        int rounds = 0;
        long began = System.nanoTime();
        long warmUpEnd = began + TimeUnit.SECONDS.toNanos(2);
        long end = warmUpEnd + TimeUnit.SECONDS.toNanos(5);
        long measuredFrom = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (measuredFrom == 0 && now >= warmUpEnd) {
                measuredFrom = now;
                rounds = 0;
            }
            DeviceCertificate parsed = DeviceCertificate.parse(encoded);
            parsed.verify();
            LoginProof.verify(parsed.device(), LoginChallenge.fromBytes(challenge.toBytes()), account.accountId,
                    proof);
            rounds++;
        }
        return rounds / ((System.nanoTime() - measuredFrom) / 1e9);
    }

    private static double percentile(long[] sortedNanos, int percent) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
