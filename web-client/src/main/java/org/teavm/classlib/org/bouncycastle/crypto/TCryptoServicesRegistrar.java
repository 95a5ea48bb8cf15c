package org.teavm.classlib.org.bouncycastle.crypto;

import org.bouncycastle.crypto.CryptoServiceProperties;

/**
 * TeaVM stand-in for BouncyCastle's {@code CryptoServicesRegistrar}, used only in the browser build. Every engine
 * and digest we use reports itself to {@code checkConstraints}; the real registrar answers from constraints it loads
 * from system and security properties, and in the browser there are none (see {@code TSecurity}), so it always
 * installs "no constraints". Its static initialiser still builds DSA and DH default parameters (BigInteger), a
 * logger and a calendar-based quantum-vulnerability policy: about a tenth of the app's WebAssembly for a check that
 * accepts everything. This class keeps that exact behaviour and nothing else. It holds no random source: our code
 * takes randomness only from {@code SecureRandom} (crypto.getRandomValues), never from the registrar.
 * Found by {@code BouncyCastleSubstitution}; a BouncyCastle class that calls any other method of the registrar
 * makes the TeaVM build fail, which is the signal to look again.
 */
public final class TCryptoServicesRegistrar {
    private TCryptoServicesRegistrar() {
    }

    /** Accepts every service, as the real registrar does when no constraint property is set. */
    public static void checkConstraints(CryptoServiceProperties properties) {
        // No constraints can be configured in the browser.
    }
}
