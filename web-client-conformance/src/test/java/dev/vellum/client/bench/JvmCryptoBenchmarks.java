package dev.vellum.client.bench;

import dev.vellum.client.conformance.BouncyCastleXChaCha20Poly1305;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.hpke.HpkeCiphertext;
import dev.vellum.crypto.kdf.Argon2id;
import dev.vellum.crypto.kdf.Argon2idParameters;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The JVM half of the crypto benchmark: the same operations the browser half times, through Vellum's API. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JvmCryptoBenchmarks {
    private static final byte[] EMPTY = new byte[0];

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private byte[] rawKey;
    private XChaCha20Poly1305 aead;
    private byte[] oneKiB;
    private byte[] oneMiB;
    private byte[] expandedKey;
    private byte[] publicKey;
    private Ed25519PrivateKey signingKey;
    private byte[] message;
    private byte[] signature;
    private X25519PrivateKey agreementKey;
    private X25519PublicKey peer;
    private Hpke hpke;
    private HpkeCiphertext sealed;

    @Setup
    public void setUp() {
        rawKey = random.randomBytes(32);
        aead = new XChaCha20Poly1305(SymmetricKey.fromBytes(rawKey.clone()), random);
        oneKiB = random.randomBytes(1024);
        oneMiB = random.randomBytes(1024 * 1024);
        byte[] seed = random.randomBytes(32);
        signingKey = Ed25519PrivateKey.fromSeed(seed);
        expandedKey = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.ExpandedKey.expandPrivateKey(seed, 0, expandedKey, 0);
        publicKey = signingKey.publicKey().toBytes();
        message = random.randomBytes(100);
        signature = signingKey.sign(message);
        agreementKey = X25519PrivateKey.generate(random);
        peer = X25519PrivateKey.generate(random).publicKey();
        hpke = new Hpke(random);
        try {
            sealed = hpke.sealBase(agreementKey.publicKey(), EMPTY, EMPTY, new byte[32]);
        } catch (InvalidPublicKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public byte[] xchachaSeal1KiB() {
        return aead.encrypt(oneKiB, EMPTY);
    }

    @Benchmark
    public byte[] xchachaSeal1MiB() {
        return aead.encrypt(oneMiB, EMPTY);
    }

    /** The former seal (BouncyCastle's ChaCha20-Poly1305), so the JVM side of the core swap is measured too. */
    @Benchmark
    public byte[] xchachaSeal1KiBBouncyCastle() {
        return BouncyCastleXChaCha20Poly1305.seal(rawKey, random.randomBytes(24), oneKiB, EMPTY);
    }

    @Benchmark
    public byte[] xchachaSeal1MiBBouncyCastle() {
        return BouncyCastleXChaCha20Poly1305.seal(rawKey, random.randomBytes(24), oneMiB, EMPTY);
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return signingKey.sign(message);
    }

    /** The former signing path: BouncyCastle's from the seed's hash, as {@link #ed25519Sign} but for the nonce. */
    @Benchmark
    public byte[] ed25519SignBouncyCastle() {
        byte[] out = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.ExpandedKey.sign(expandedKey, 0, publicKey, 0, message, 0,
                message.length, out, 0);
        return out;
    }

    @Benchmark
    public void ed25519Verify() throws InvalidSignatureException {
        signingKey.publicKey().verify(message, signature);
    }

    @Benchmark
    public byte[] x25519() throws InvalidPublicKeyException {
        return agreementKey.agree(peer);
    }

    @Benchmark
    public HpkeCiphertext hpkeSealBase() throws InvalidPublicKeyException {
        return hpke.sealBase(agreementKey.publicKey(), EMPTY, EMPTY, oneKiB);
    }

    @Benchmark
    public byte[] hpkeOpenBase() throws InvalidMessageException, AuthenticationFailedException {
        return Hpke.openBase(sealed, agreementKey, EMPTY, EMPTY);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] argon2idInteractive() {
        return Argon2id.hash(message, oneKiB, Argon2idParameters.INTERACTIVE, 32);
    }
}
