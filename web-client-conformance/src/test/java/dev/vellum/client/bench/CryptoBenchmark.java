package dev.vellum.client.bench;

import dev.vellum.client.testing.BrowserCrypto;
import dev.vellum.crypto.kdf.Argon2idParameters;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Prints the crypto figures side by side: the JVM (JMH), the same code compiled by TeaVM to WebAssembly GC in
 * headless Chromium (timed in the page, copies across the JavaScript boundary included), and the browser's own
 * WebCrypto where it has a comparable primitive. Run with {@code mvn -B -q -pl web-client-conformance -am verify -DskipTests -Pcrypto-benchmark}
 * after a build; it takes about two minutes. Figures, not pass/fail: targets are printed beside them.
 */
public final class CryptoBenchmark {
    private static final double MIB = 1024 * 1024;

    /** Runs in the page: every figure in ops/s, except Argon2id (ms, median of 3) and the AEAD rates (MiB/s). */
    private static final String BROWSER_SUITE = """
            async argon => {
              const perSecond = (fn, ms = 1000) => {
                const warm = performance.now(); while (performance.now() - warm < 200) fn();
                let n = 0; const t0 = performance.now(); let t;
                do { fn(); n++; t = performance.now(); } while (t - t0 < ms);
                return n * 1000 / (t - t0);
              };
              const perSecondAsync = async (fn, ms = 1000) => {
                for (let i = 0; i < 5; i++) await fn();
                let n = 0; const t0 = performance.now(); let t;
                do { await fn(); n++; t = performance.now(); } while (t - t0 < ms);
                return n * 1000 / (t - t0);
              };
              const random = n => crypto.getRandomValues(new Int8Array(n));
              const empty = new Int8Array(0), kib = random(1024), mib = new Int8Array(1 << 20).fill(7);
              const key = random(32), seed = random(32), msg = random(100);
              const r = {};
              vellum.xchachaSealRepeatedly(key, 1 << 20, 10); // warm-up: let the engine optimize the loop
              let t0 = performance.now();
              vellum.xchachaSealRepeatedly(key, 1 << 20, 40);
              r.xchachaSeal1MiBInsideWasm = 40 * 1000 / (performance.now() - t0);
              r.copyRoundTrip1MiB = perSecond(() => vellum.copyRoundTrip(mib), 2000);
              vellum.xchachaSealRepeatedly(key, 1024, 20000);
              t0 = performance.now();
              vellum.xchachaSealRepeatedly(key, 1024, 40000);
              r.xchachaSeal1KiBInsideWasm = 40000 * 1000 / (performance.now() - t0) * 1024 / (1 << 20);
              r.copyRoundTrip1KiB = perSecond(() => vellum.copyRoundTrip(kib)) * 1024 / (1 << 20);
              const pk = vellum.ed25519PublicKey(seed), sig = vellum.ed25519Sign(seed, msg);
              r.ed25519Sign = perSecond(() => vellum.ed25519Sign(seed, msg));
              const signingKey = vellum.ed25519SigningKey(seed);
              vellum.ed25519VerifyRepeatedly(pk, msg, sig, 1000);
              t0 = performance.now();
              const verified = vellum.ed25519VerifyRepeatedly(pk, msg, sig, 5000);
              r.ed25519VerifyInsideWasm = verified === 5000 ? 5000 * 1000 / (performance.now() - t0) : 'failed';
              const sk = random(32), peer = vellum.x25519PublicKey(random(32));
              vellum.x25519Repeatedly(sk, peer, 1000);
              t0 = performance.now();
              vellum.x25519Repeatedly(sk, peer, 5000);
              r.x25519InsideWasm = 5000 * 1000 / (performance.now() - t0);
              const recipientPublic = vellum.x25519PublicKey(sk);
              const sealed = vellum.hpkeSeal(recipientPublic, null, empty, empty, random(32));
              const enc = sealed.slice(0, 32), ct = sealed.slice(32);
              r.hpkeSealBase = perSecond(() => vellum.hpkeSeal(recipientPublic, null, empty, empty, kib));
              r.hpkeOpenBase = perSecond(() => vellum.hpkeOpen(enc, ct, sk, null, empty, empty));
              const argonTimes = [];
              for (let i = 0; i < 3; i++) {
                t0 = performance.now();
                vellum.argon2id(msg, kib, null, null, argon.memoryKiB, argon.iterations, argon.parallelism, 32);
                argonTimes.push(performance.now() - t0);
              }
              r.argon2idInteractive = argonTimes.sort((a, b) => a - b)[1];

              // libsodium.js in the same page, on the same inputs (as Uint8Array views: its wrappers' type). The two
              // run in alternating short rounds, so a change in this shared machine's load hits both alike: each
              // figure is the median over the rounds, and the ratio the median of the rounds' ratios.
              const s = {}, ratios = {}, haveSodium = typeof sodium !== 'undefined';
              const median = v => v.slice().sort((a, b) => a - b)[v.length >> 1];
              const paired = (name, ours, theirs, scale = 1, ms = 400, rounds = 7) => {
                if (!haveSodium) {
                  r[name] = perSecond(ours, ms * rounds) * scale;
                  return;
                }
                const a = [], b = [], q = [];
                for (let i = 0; i < rounds; i++) {
                  const x = perSecond(ours, ms) * scale, y = perSecond(theirs, ms) * scale;
                  a.push(x); b.push(y); q.push(x / y);
                }
                r[name] = median(a); s[name] = median(b); ratios[name] = median(q);
              };
              const u = a => new Uint8Array(a.buffer, a.byteOffset, a.length);
              const ukey = u(key), ukib = u(kib), umib = u(mib), umsg = u(msg);
              // A fresh random nonce per message from the same CSPRNG, as Vellum's seal does; libsodium returns no
              // nonce, so Vellum's nonce-prefixed output is extra work on its side only.
              paired('xchachaSeal1KiB', () => vellum.xchachaSeal(key, kib, empty),
                  () => sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(ukib, null, null,
                      crypto.getRandomValues(new Uint8Array(24)), ukey), 1024 / (1 << 20));
              paired('xchachaSeal1MiB', () => vellum.xchachaSeal(key, mib, empty),
                  () => sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(umib, null, null,
                      crypto.getRandomValues(new Uint8Array(24)), ukey));
              // The app's path on Vellum's side (plaintext already in wasm, one copy out) against libsodium's full path.
              paired('xchachaSeal1MiBCopyOutOnly', () => vellum.xchachaSealCopyOutOnly(key, 1 << 20),
                  () => sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(umib, null, null,
                      crypto.getRandomValues(new Uint8Array(24)), ukey));
              // The browser build's AEAD on linear memory, on the app's paths for its kept copy: seal bytes made in
              // wasm into a JavaScript array, open a JavaScript array into wasm.
              paired('xchachaSealIntoJs1KiB', () => vellum.xchachaSealIntoJsFromWasm(key, 1024),
                  () => sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(ukib, null, null,
                      crypto.getRandomValues(new Uint8Array(24)), ukey), 1024 / (1 << 20));
              paired('xchachaSealIntoJs1MiB', () => vellum.xchachaSealIntoJsFromWasm(key, 1 << 20),
                  () => sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(umib, null, null,
                      crypto.getRandomValues(new Uint8Array(24)), ukey));
              const sealedKib = vellum.xchachaSeal(key, kib, empty), sealedMib = vellum.xchachaSeal(key, mib, empty);
              const sodiumOpen = sealed => sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null,
                  u(sealed).subarray(24), null, u(sealed).subarray(0, 24), ukey);
              paired('xchachaOpenFromJs1KiB', () => vellum.xchachaOpenFromJsIntoWasm(key, sealedKib),
                  () => sodiumOpen(sealedKib), 1024 / (1 << 20));
              paired('xchachaOpenFromJs1MiB', () => vellum.xchachaOpenFromJsIntoWasm(key, sealedMib),
                  () => sodiumOpen(sealedMib));
              const kp = haveSodium ? sodium.crypto_sign_seed_keypair(u(seed)) : null;
              const sodiumSig = haveSodium ? sodium.crypto_sign_detached(umsg, kp.privateKey) : null;
              paired('ed25519SignKeyHeld', () => vellum.ed25519SignWith(signingKey, msg),
                  () => sodium.crypto_sign_detached(umsg, kp.privateKey));
              paired('ed25519Verify', () => vellum.ed25519Verify(pk, msg, sig),
                  () => sodium.crypto_sign_verify_detached(sodiumSig, umsg, kp.publicKey));
              // SHA-512 is under every Ed25519 signature (twice over the whole message); crypto_hash is libsodium's.
              paired('sha512OneMiB', () => vellum.sha512(mib), () => sodium.crypto_hash(umib));
              const usk = u(sk), upeer = u(peer);
              paired('x25519', () => vellum.x25519(sk, peer), () => sodium.crypto_scalarmult(usk, upeer));
              r.sodium = s;
              r.ratios = ratios;

              // Vellum against its own former code in the same alternating rounds: the speed-up of each change,
              // measured in one page rather than inferred across runs.
              const ab = {};
              const versus = (name, now, before, scale = 1, ms = 400, rounds = 7) => {
                const a = [], b = [], q = [];
                for (let i = 0; i < rounds; i++) {
                  const x = perSecond(now, ms) * scale, y = perSecond(before, ms) * scale;
                  a.push(x); b.push(y); q.push(x / y);
                }
                ab[name] = { now: median(a), before: median(b), ratio: median(q) };
              };
              versus('aeadCore1KiB', () => vellum.xchachaSeal(key, kib, empty),
                  () => vellum.xchachaSealBouncyCastle(key, kib, empty), 1024 / (1 << 20));
              versus('aeadCore1MiB', () => vellum.xchachaSeal(key, mib, empty),
                  () => vellum.xchachaSealBouncyCastle(key, mib, empty));
              versus('aeadCore1MiBInsideWasm', () => vellum.xchachaSealRepeatedly(key, 1 << 20, 1),
                  () => vellum.xchachaSealRepeatedlyBouncyCastle(key, 1 << 20, 1));
              versus('aeadCore1KiBInsideWasm', () => vellum.xchachaSealRepeatedly(key, 1024, 100),
                  () => vellum.xchachaSealRepeatedlyBouncyCastle(key, 1024, 100), 100 * 1024 / (1 << 20));
              versus('sealIntoJs1KiB', () => vellum.xchachaSealIntoJsFromWasm(key, 1024),
                  () => vellum.xchachaSealCopyOutOnly(key, 1024), 1024 / (1 << 20));
              versus('sealIntoJs1MiB', () => vellum.xchachaSealIntoJsFromWasm(key, 1 << 20),
                  () => vellum.xchachaSealCopyOutOnly(key, 1 << 20));
              versus('openFromJs1MiB', () => vellum.xchachaOpenFromJsIntoWasm(key, sealedMib),
                  () => vellum.xchachaOpenIntoWasmViaCopy(key, sealedMib));
              versus('sha512Core1MiBInsideWasm', () => vellum.sha512Repeatedly(1 << 20, 1),
                  () => vellum.sha512RepeatedlyBouncyCastle(1 << 20, 1));
              versus('sha512Core600BInsideWasm', () => vellum.sha512Repeatedly(600, 100),
                  () => vellum.sha512RepeatedlyBouncyCastle(600, 100), 100 * 600 / (1 << 20));
              versus('signOwnBaseMultiplication', () => vellum.ed25519SignWith(signingKey, msg),
                  () => vellum.ed25519SignBouncyCastle(signingKey, msg));
              r.ab = ab;

              const aes = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
              const iv = random(12);
              r.webcryptoAesGcm1KiB = await perSecondAsync(() =>
                  crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, kib)) * 1024 / (1 << 20);
              r.webcryptoAesGcm1MiB = await perSecondAsync(() =>
                  crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, mib), 2000);
              try {
                const ed = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
                const edSig = await crypto.subtle.sign({ name: 'Ed25519' }, ed.privateKey, msg);
                r.webcryptoEd25519Sign = await perSecondAsync(() =>
                    crypto.subtle.sign({ name: 'Ed25519' }, ed.privateKey, msg));
                r.webcryptoEd25519Verify = await perSecondAsync(() =>
                    crypto.subtle.verify({ name: 'Ed25519' }, ed.publicKey, edSig, msg));
                const a = await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
                const b = await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
                r.webcryptoX25519 = await perSecondAsync(() =>
                    crypto.subtle.deriveBits({ name: 'X25519', public: b.publicKey }, a.privateKey, 256));
              } catch (e) {
                r.webcryptoNote = 'WebCrypto lacks Ed25519/X25519 here: ' + e;
              }
              return r;
            }
            """;

    /**
     * Runs in the page: the app's send path (seal an edit into a signed note item, frame it, hand it to JavaScript),
     * timed by stage inside WebAssembly ({@code AppPathBenchmarks}), against the same work in libsodium.js (the
     * XChaCha20-Poly1305 seal and the item's two Ed25519 signatures over a message of the frame's length), in
     * alternating rounds. Milliseconds per item; the ratio is the median of the rounds' ratios.
     */
    private static final String APP_PATH_SUITE = """
            async () => {
              const median = v => v.slice().sort((a, b) => a - b)[v.length >> 1];
              const haveSodium = typeof sodium !== 'undefined';
              const sodiumItems = (size, n, frameLength) => {
                const key = crypto.getRandomValues(new Uint8Array(32)), body = new Uint8Array(size);
                const ad = new Uint8Array(97), kp = sodium.crypto_sign_keypair();
                const t0 = performance.now();
                for (let i = 0; i < n; i++) {
                  const c = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(body, ad, null,
                      crypto.getRandomValues(new Uint8Array(24)), key);
                  const item = new Uint8Array(frameLength);
                  item.set(c);
                  sodium.crypto_sign_detached(item, kp.privateKey);
                  sodium.crypto_sign_detached(item, kp.privateKey);
                }
                return (performance.now() - t0) / n;
              };
              const out = {};
              for (const size of [100, 1024, 1 << 20]) {
                const n = size >= 1 << 20 ? 6 : 300;
                const warm = vellum.appPathStages(size, n);
                if (haveSodium) {
                  sodiumItems(size, n, warm.frameLength);
                }
                const rounds = [], theirs = [], ratios = [];
                for (let round = 0; round < 9; round++) {
                  const ours = vellum.appPathStages(size, n);
                  rounds.push(ours);
                  if (haveSodium) {
                    const t = sodiumItems(size, n, ours.frameLength);
                    theirs.push(t);
                    ratios.push(t / ours.whole);
                  }
                }
                const figures = {};
                for (const stage of ['whole', 'aead', 'sign', 'frame', 'copyOut']) {
                  figures[stage] = median(rounds.map(r => r[stage]));
                }
                figures.frameLength = rounds[0].frameLength;
                if (haveSodium) {
                  figures.sodium = median(theirs);
                  figures.ratio = median(ratios);
                }
                out['' + size] = figures;
              }
              return out;
            }
            """;

    /**
     * Runs in the page: a timing check in dudect's manner (Reparaz, Balasch and Verbauwhede, 2017) for the code that
     * handles secrets in Vellum's own signing. Batches of one operation run on either a fixed secret (the all-zero
     * scalar, whose lookups all pick the neutral point, or one fixed key) or a fresh random one, in random order; Welch's
     * t compares the two classes' batch times, over all batches and over the fastest 90% (dropping the machine's
     * interruptions). Constant-time code gives |t| around 1 to 2; above about 4.5 the time depends on the secret.
     * "Detects" is the smallest difference between the classes' means, as a share of the batch time, that would have
     * reached t = 4.5 in this run (on the fastest 90%).
     */
    private static final String TIMING_SUITE = """
            async () => {
              const random = n => { const a = new Int8Array(n); crypto.getRandomValues(a); return a; };
              const scalar = () => { const a = random(32); a[31] &= 0x7f; return a; };
              const welch = (a, b) => {
                const mean = v => v.reduce((x, y) => x + y, 0) / v.length;
                const variance = (v, m) => v.reduce((x, y) => x + (y - m) * (y - m), 0) / (v.length - 1);
                const ma = mean(a), mb = mean(b);
                const standardError = Math.sqrt(variance(a, ma) / a.length + variance(b, mb) / b.length);
                return { t: (ma - mb) / standardError, meanFixed: ma, meanRandom: mb, fixed: a.length, random: b.length,
                         detectable: 4.5 * standardError / ((ma + mb) / 2) };
              };
              const check = (batches, fixedInput, randomInput, run) => {
                const inputs = [], classes = [];
                for (let i = 0; i < batches; i++) {
                  const isRandom = Math.random() < 0.5;
                  classes.push(isRandom);
                  inputs.push(isRandom ? randomInput() : fixedInput);
                }
                for (let i = 0; i < 20; i++) run(inputs[i]);
                const times = [];
                for (let i = 0; i < batches; i++) {
                  const t0 = performance.now();
                  run(inputs[i]);
                  times.push(performance.now() - t0);
                }
                const cut = times.slice().sort((a, b) => a - b)[Math.floor(batches * 0.9)];
                const split = keep => [times.filter((t, i) => keep(t) && !classes[i]),
                                       times.filter((t, i) => keep(t) && classes[i])];
                const all = welch(...split(() => true)), fastest = welch(...split(t => t <= cut));
                return { all, fastest };
              };
              const out = {};
              out.baseMultiplication = check(2000, new Int8Array(32), scalar,
                  k => vellum.baseMultiplyRepeatedly(k, 40));
              out.scalarReduction = check(2000, new Int8Array(64), () => random(64),
                  x => vellum.scalarReduceRepeatedly(x, 4000));
              const message = random(100), fixedKey = vellum.ed25519SigningKey(random(32));
              out.signing = check(2000, fixedKey, () => vellum.ed25519SigningKey(random(32)), key => {
                for (let i = 0; i < 30; i++) vellum.ed25519SignWith(key, message);
              });
              // The control: verification is variable-time by design (public inputs), and a random signature is
              // mostly refused before the costly part, so this row must show a large |t|, or the check sees nothing.
              const seed = random(32), publicKey = vellum.ed25519PublicKey(seed);
              const signature = vellum.ed25519Sign(seed, message);
              out.control = check(2000, signature, () => random(64), sig => {
                for (let i = 0; i < 15; i++) vellum.ed25519Verify(publicKey, message, sig);
              });
              return out;
            }
            """;

    private CryptoBenchmark() {
    }

    /** {@code --browser-only} skips the JVM half (JMH), for quick before/after runs of the page alone. */
    public static void main(String[] args) throws RunnerException {
        boolean appPathOnly = List.of(args).contains("--app-path-only");
        boolean timingOnly = List.of(args).contains("--timing-only");
        Map<String, Double> jvm = List.of(args).contains("--browser-only") || appPathOnly || timingOnly
                ? Map.of() : runJmh();
        List<String> libsodium;
        try {
            libsodium = Libsodium.scripts();
        } catch (IllegalStateException | UncheckedIOException e) {
            // Vellum's own figures still mean something; the unchecked package is never loaded.
            System.err.println("Running without the libsodium.js baseline: " + e.getMessage());
            libsodium = List.of();
        }
        Map<String, Object> browser;
        try (BrowserCrypto chromium = BrowserCrypto.start()) {
            libsodium.forEach(chromium::addScript);
            if (!libsodium.isEmpty()) {
                chromium.evaluate("async () => { await sodium.ready; }", null);
            }
            if (timingOnly) {
                printTiming(timing(chromium));
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> appPath = (Map<String, Map<String, Object>>) chromium.evaluate(
                    APP_PATH_SUITE, null);
            if (appPathOnly) {
                printAppPath(appPath);
                return;
            }
            Map<String, Map<String, Map<String, Object>>> timing = timing(chromium);
            Argon2idParameters cost = Argon2idParameters.INTERACTIVE;
            @SuppressWarnings("unchecked")
            Map<String, Object> figures = (Map<String, Object>) chromium.evaluate(BROWSER_SUITE, Map.of(
                    "memoryKiB", cost.memoryKiB(), "iterations", cost.iterations(), "parallelism", cost.parallelism()));
            browser = figures;
            printTable(jvm, browser);
            printAppPath(appPath);
            printTiming(timing);
        }
    }

    /** The app's send path per item, by stage; the stages other than the whole are timed apart. */
    private static void printAppPath(Map<String, Map<String, Object>> appPath) {
        System.out.println();
        System.out.println("The app's send path, per item: seal an edit's body into a signed note item, frame it, hand it"
                + " to JavaScript (ms)");
        String format = "%-10s %7s %9s %11s %11s %9s %9s %14s %9s%n";
        System.out.printf(Locale.ROOT, format, "body", "frame B", "whole", "AEAD", "one sign", "framing", "copy out",
                "libsodium.js", "wasm/lib");
        for (Map.Entry<String, Map<String, Object>> entry : appPath.entrySet()) {
            Map<String, Object> f = entry.getValue();
            System.out.printf(Locale.ROOT, format, entry.getKey() + " B", f.get("frameLength"), millis(f.get("whole")),
                    millis(f.get("aead")), millis(f.get("sign")), millis(f.get("frame")), millis(f.get("copyOut")),
                    millis(f.get("sodium")), f.get("ratio") instanceof Number q
                            ? String.format(Locale.ROOT, "%.2fx", q.doubleValue()) : "");
        }
        System.out.println("(libsodium.js: its XChaCha20-Poly1305 seal and two Ed25519 signatures over a message of the"
                + " frame's length, the item's own crypto; the ratio is libsodium's time over Vellum's)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Map<String, Object>>> timing(BrowserCrypto chromium) {
        return (Map<String, Map<String, Map<String, Object>>>) chromium.evaluate(TIMING_SUITE, null);
    }

    /** The timing check's t values; a figure to read, not a verdict (a loaded machine widens them). */
    private static void printTiming(Map<String, Map<String, Map<String, Object>>> timing) {
        System.out.println();
        System.out.println("Timing check of Vellum's signing code (dudect-style: Welch's t between batches on a fixed and"
                + " on random secrets; |t| > 4.5 would point at a dependence on the secret)");
        String format = "%-36s %9s %13s %13s %9s %14s %10s%n";
        System.out.printf(Locale.ROOT, format, "operation (batch)", "batches", "fixed, ms", "random, ms", "t, all",
                "t, fastest 90%", "detects");
        String[][] rows = {
                {"baseMultiplication", "nonce multiplication (40)"},
                {"scalarReduction", "reduction mod L (4,000)"},
                {"signing", "Ed25519 signing (30)"},
                {"control", "control: verify valid/random (15)"}};
        for (String[] row : rows) {
            Map<String, Map<String, Object>> result = timing.get(row[0]);
            Map<String, Object> all = result.get("all");
            Map<String, Object> fastest = result.get("fastest");
            System.out.printf(Locale.ROOT, format, row[1],
                    ((Number) all.get("fixed")).intValue() + "/" + ((Number) all.get("random")).intValue(),
                    millis(all.get("meanFixed")), millis(all.get("meanRandom")),
                    String.format(Locale.ROOT, "%.2f", ((Number) all.get("t")).doubleValue()),
                    String.format(Locale.ROOT, "%.2f", ((Number) fastest.get("t")).doubleValue()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) fastest.get("detectable")).doubleValue()));
        }
    }

    private static String millis(Object value) {
        return value instanceof Number number ? String.format(Locale.ROOT, "%.3f", number.doubleValue()) : "";
    }

    private static Map<String, Double> runJmh() throws RunnerException {
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : new Runner(new OptionsBuilder()
                .include(JvmCryptoBenchmarks.class.getName())
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .build()).run()) {
            String label = result.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        return scores;
    }

    private static void printTable(Map<String, Double> jvm, Map<String, Object> browser) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sodium = (Map<String, Object>) browser.getOrDefault("sodium", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> ratios = (Map<String, Object>) browser.getOrDefault("ratios", Map.of());
        System.out.println();
        System.out.println("Vellum crypto benchmark (2-core machine; JVM via JMH, browser via headless Chromium;"
                + " libsodium.js " + Libsodium.version() + " in the same page)");
        String format = "%-34s %14s %18s %16s %9s %20s  %s%n";
        System.out.printf(Locale.ROOT, format, "operation", "JVM 17", "Chromium, wasm", "libsodium.js", "wasm/lib",
                "Chromium WebCrypto", "target (Chromium)");
        row(format, "XChaCha20-Poly1305 seal, 1 KiB", mibPerSecond(jvm.get("xchachaSeal1KiB"), 1024),
                browser, sodium, ratios, "xchachaSeal1KiB", "MiB/s", rate(browser.get("webcryptoAesGcm1KiB"), "MiB/s AES"),
                "JS bytes via Java arrays: no app path");
        row(format, "  same, inside wasm (no copy)", "", browser, sodium, ratios, "xchachaSeal1KiBInsideWasm", "MiB/s", "",
                "");
        row(format, "  copy in and out only, 1 KiB", "", browser, sodium, ratios, "copyRoundTrip1KiB", "MiB/s", "", "");
        row(format, "XChaCha20-Poly1305 seal, 1 MiB", mibPerSecond(jvm.get("xchachaSeal1MiB"), MIB),
                browser, sodium, ratios, "xchachaSeal1MiB", "MiB/s", rate(browser.get("webcryptoAesGcm1MiB"), "MiB/s AES"),
                "JS bytes via Java arrays: no app path");
        row(format, "  same, Java array, one copy out", "", browser, sodium, ratios, "xchachaSeal1MiBCopyOutOnly",
                "MiB/s", "", "");
        row(format, "  same, inside wasm (no copy)", "", browser, sodium, ratios, "xchachaSeal1MiBInsideWasm", "MiB/s", "",
                "");
        row(format, "  copy in and out only, 1 MiB", "", browser, sodium, ratios, "copyRoundTrip1MiB", "MiB/s", "", "");
        row(format, "Seal into JavaScript, 1 KiB", "", browser, sodium, ratios, "xchachaSealIntoJs1KiB", "MiB/s", "",
                ">= 0.8x libsodium, copies incl.");
        row(format, "Seal into JavaScript, 1 MiB", "", browser, sodium, ratios, "xchachaSealIntoJs1MiB", "MiB/s", "",
                ">= 0.8x libsodium, copies incl.");
        row(format, "Open from JavaScript, 1 KiB", "", browser, sodium, ratios, "xchachaOpenFromJs1KiB", "MiB/s", "",
                ">= 0.8x libsodium, copies incl.");
        row(format, "Open from JavaScript, 1 MiB", "", browser, sodium, ratios, "xchachaOpenFromJs1MiB", "MiB/s", "",
                ">= 0.8x libsodium, copies incl.");
        if (jvm.containsKey("xchachaSeal1MiBBouncyCastle")) {
            System.out.printf(Locale.ROOT, "%-34s %14s  (1 KiB), %s (1 MiB)%n", "XChaCha seal, former BouncyCastle",
                    mibPerSecond(jvm.get("xchachaSeal1KiBBouncyCastle"), 1024),
                    mibPerSecond(jvm.get("xchachaSeal1MiBBouncyCastle"), MIB));
        }
        row(format, "SHA-512, 1 MiB", "", browser, sodium, ratios, "sha512OneMiB", "MiB/s", "", "");
        row(format, "Ed25519 sign, key held", opsPerSecond(jvm.get("ed25519Sign")), browser, sodium, ratios,
                "ed25519SignKeyHeld", "/s", rate(browser.get("webcryptoEd25519Sign"), "/s"), ">= 1.0x libsodium");
        if (jvm.containsKey("ed25519SignBouncyCastle")) {
            System.out.printf(Locale.ROOT, "%-34s %14s%n", "  former: BouncyCastle's signing", opsPerSecond(jvm.get("ed25519SignBouncyCastle")));
        }
        row(format, "  same, key made from seed", "", browser, sodium, ratios, "ed25519Sign", "/s", "", "");
        row(format, "Ed25519 verify", opsPerSecond(jvm.get("ed25519Verify")), browser, sodium, ratios, "ed25519Verify",
                "/s", rate(browser.get("webcryptoEd25519Verify"), "/s"), "");
        row(format, "  same, key parsed once, in wasm", "", browser, sodium, ratios, "ed25519VerifyInsideWasm", "/s", "",
                ">= 14,000/s");
        row(format, "X25519", opsPerSecond(jvm.get("x25519")), browser, sodium, ratios, "x25519", "/s",
                rate(browser.get("webcryptoX25519"), "/s"), "");
        row(format, "  same, keys parsed once, in wasm", "", browser, sodium, ratios, "x25519InsideWasm", "/s", "",
                ">= 14,000/s");
        row(format, "HPKE seal (base, 1 KiB)", opsPerSecond(jvm.get("hpkeSealBase")), browser, sodium, ratios,
                "hpkeSealBase", "/s", "", "");
        row(format, "HPKE open (base, 32 B)", opsPerSecond(jvm.get("hpkeOpenBase")), browser, sodium, ratios,
                "hpkeOpenBase", "/s", "", "");
        Argon2idParameters cost = Argon2idParameters.INTERACTIVE;
        Double argonJvm = jvm.get("argon2idInteractive");
        row(format, "Argon2id " + cost.memoryKiB() / 1024 + " MiB, t=" + cost.iterations() + ", p="
                + cost.parallelism(), argonJvm == null ? "n/a" : String.format(Locale.ROOT, "%.0f ms", argonJvm),
                browser, sodium, ratios, "argon2idInteractive", "ms", "", "<= 1,500 ms");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> ab = (Map<String, Map<String, Object>>) browser.getOrDefault("ab", Map.of());
        if (!ab.isEmpty()) {
            System.out.println();
            System.out.println("Same page, alternating rounds: Vellum now against its former code (the 'before' column)");
            String abFormat = "%-44s %16s %16s %8s%n";
            System.out.printf(Locale.ROOT, abFormat, "comparison", "now", "before", "now/bef");
            abRow(abFormat, ab, "aeadCore1KiB", "XChaCha seal 1 KiB: own core vs BouncyCastle", "MiB/s");
            abRow(abFormat, ab, "aeadCore1MiB", "XChaCha seal 1 MiB: own core vs BouncyCastle", "MiB/s");
            abRow(abFormat, ab, "aeadCore1KiBInsideWasm", "  same 1 KiB inside wasm (no copies)", "MiB/s");
            abRow(abFormat, ab, "aeadCore1MiBInsideWasm", "  same 1 MiB inside wasm (no copies)", "MiB/s");
            abRow(abFormat, ab, "sealIntoJs1KiB", "Seal into JS 1 KiB: linear memory vs byte[]+copy", "MiB/s");
            abRow(abFormat, ab, "sealIntoJs1MiB", "  same, 1 MiB", "MiB/s");
            abRow(abFormat, ab, "openFromJs1MiB", "Open from JS 1 MiB: linear memory vs copy+byte[]", "MiB/s");
            abRow(abFormat, ab, "sha512Core1MiBInsideWasm", "SHA-512 1 MiB in wasm: own vs BouncyCastle's", "MiB/s");
            abRow(abFormat, ab, "sha512Core600BInsideWasm", "  same, 600 B messages", "MiB/s");
            abRow(abFormat, ab, "signOwnBaseMultiplication", "Ed25519 sign: own nonce multiple vs BouncyCastle's", "/s");
        }
        if (browser.get("webcryptoNote") != null) {
            System.out.println(browser.get("webcryptoNote"));
        }
    }

    /**
     * One row; where libsodium.js measured the same operation, its figure and Vellum's speed as a multiple of it (the
     * median of the alternating rounds' ratios, which is not always the ratio of the two medians).
     */
    private static void row(String format, String name, String jvm, Map<String, Object> browser,
            Map<String, Object> sodium, Map<String, Object> ratios, String key, String unit, String webCrypto, String target) {
        Object ours = browser.get(key);
        Object theirs = sodium.get(key);
        Object pairedRatio = ratios.get(key);
        String ratio = pairedRatio instanceof Number q ? String.format(Locale.ROOT, "%.2fx", q.doubleValue()) : "";
        System.out.printf(Locale.ROOT, format, name, jvm, rate(ours, unit), rate(theirs, unit), ratio, webCrypto,
                target);
    }

    private static void abRow(String format, Map<String, Map<String, Object>> ab, String key, String name,
            String unit) {
        Map<String, Object> pair = ab.get(key);
        if (pair == null) {
            return;
        }
        Object ratio = pair.get("ratio");
        System.out.printf(Locale.ROOT, format, name, rate(pair.get("now"), unit), rate(pair.get("before"), unit),
                ratio instanceof Number q ? String.format(Locale.ROOT, "%.2fx", q.doubleValue()) : "");
    }

    private static String mibPerSecond(Double opsPerSecond, double bytes) {
        return opsPerSecond == null ? "n/a" : String.format(Locale.ROOT, "%,.1f MiB/s", opsPerSecond * bytes / MIB);
    }

    private static String opsPerSecond(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%,.0f/s", value);
    }

    private static String rate(Object value, String unit) {
        if (!(value instanceof Number number)) {
            return value == null ? "" : value.toString();
        }
        double v = number.doubleValue();
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f %s" : "%,.1f %s", v, unit);
    }
}
