package org.teavm.classlib.org.bouncycastle.crypto.digests;

import dev.vellum.crypto.hash.Sha512;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.util.Memoable;

/**
 * TeaVM stand-in for BouncyCastle's {@code SHA512Digest}, used only in the browser build: the same digest computed by
 * Vellum's {@link Sha512}, which keeps the message schedule in local variables instead of an 80-word array, each of
 * whose reads and writes is a bounds-checked access in TeaVM's WebAssembly GC output. BouncyCastle's Ed25519 creates
 * its SHA-512 by name, so this is how every signature and verification in the browser gets the faster hash (and the
 * safety-number fingerprint, the other user). The JVM keeps BouncyCastle's class. Found by
 * {@code BouncyCastleSubstitution}; a BouncyCastle class that needs more of {@code SHA512Digest} than this makes the
 * TeaVM build fail, which is the signal to look again. It is not a {@code LongDigest} or an {@code EncodableDigest}:
 * BouncyCastle code that tested for those would quietly take another branch; none reachable in the browser does
 * (only Ed25519's {@code createDigest} and {@code SafetyNumber} make a SHA512Digest).
 */
public final class TSHA512Digest implements ExtendedDigest, Memoable {
    private final Sha512 sha = new Sha512();

    public TSHA512Digest() {
    }

    public TSHA512Digest(TSHA512Digest other) {
        sha.copyFrom(other.sha);
    }

    @Override
    public String getAlgorithmName() {
        return "SHA-512";
    }

    @Override
    public int getDigestSize() {
        return Sha512.DIGEST_LENGTH;
    }

    @Override
    public int getByteLength() {
        return Sha512.BLOCK_LENGTH;
    }

    @Override
    public void update(byte in) {
        sha.update(in);
    }

    @Override
    public void update(byte[] in, int inOff, int len) {
        sha.update(in, inOff, len);
    }

    @Override
    public int doFinal(byte[] out, int outOff) {
        sha.doFinal(out, outOff);
        return Sha512.DIGEST_LENGTH;
    }

    @Override
    public void reset() {
        sha.reset();
    }

    @Override
    public Memoable copy() {
        return new TSHA512Digest(this);
    }

    @Override
    public void reset(Memoable other) {
        sha.copyFrom(((TSHA512Digest) other).sha);
    }
}
