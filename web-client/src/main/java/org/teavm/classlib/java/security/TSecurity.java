package org.teavm.classlib.java.security;

/**
 * TeaVM stand-in for {@code java.security.Security}, which its class library lacks. BouncyCastle's lightweight API
 * reads optional tuning properties through it; in the browser there are none, so every lookup answers null and
 * BouncyCastle keeps its secure defaults. Found by TeaVM's naming rule (package prefix and "T").
 */
public final class TSecurity {
    private TSecurity() {
    }

    public static String getProperty(String key) {
        return null;
    }
}
