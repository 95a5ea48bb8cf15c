package dev.vellum.client.teavm;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Tells TeaVM to compile small stand-ins instead of three BouncyCastle classes: {@code CryptoServicesRegistrar} and
 * {@code Strings}, whose static initialisers pulled BigInteger, java.util.logging, calendars, time zones and
 * {@code java.util.Formatter} into the app's WebAssembly for nothing the browser can use, and {@code SHA512Digest},
 * for a faster SHA-512 under every Ed25519 signature (see each stand-in). The JVM
 * (tests, server) keeps BouncyCastle's own classes. Registered in META-INF/services; runs only inside the TeaVM
 * compiler.
 */
public final class BouncyCastleSubstitution extends SimpleSubstitutionPolicy {
    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(SimpleSubstitutionPolicy.<String>named("org.bouncycastle.crypto.CryptoServicesRegistrar")
                        .or(named("org.bouncycastle.util.Strings"))
                        .or(named("org.bouncycastle.crypto.digests.SHA512Digest")))
                .packagePrefix("org.teavm.classlib.")
                .simpleNamePrefix("T");
    }
}
