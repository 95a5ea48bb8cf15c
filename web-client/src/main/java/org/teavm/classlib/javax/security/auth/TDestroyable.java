package org.teavm.classlib.javax.security.auth;

/**
 * TeaVM stand-in for {@code javax.security.auth.Destroyable}, which BouncyCastle's key parameter classes implement.
 * Mapped by {@code dev.vellum.client.teavm.JavaxSecuritySubstitution}; the defaults match the JDK's.
 */
public interface TDestroyable {
    default void destroy() throws TDestroyFailedException {
        throw new TDestroyFailedException();
    }

    default boolean isDestroyed() {
        return false;
    }
}
