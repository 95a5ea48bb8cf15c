package dev.vellum.client.teavm;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Tells TeaVM to look for {@code javax.security.auth.*} under {@code org.teavm.classlib} with a "T" prefix, as it
 * already does for {@code java.*}: BouncyCastle needs two of these classes and TeaVM maps no {@code javax} package
 * but XML by default. Registered in META-INF/services; runs only inside the TeaVM compiler.
 */
public final class JavaxSecuritySubstitution extends SimpleSubstitutionPolicy {
    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(inPackage("javax.security.auth"))
                .packagePrefix("org.teavm.classlib.")
                .simpleNamePrefix("T");
    }
}
