package org.teavm.classlib.javax.security.auth;

/** TeaVM stand-in for {@code javax.security.auth.DestroyFailedException}. */
public class TDestroyFailedException extends Exception {
    public TDestroyFailedException() {
    }

    public TDestroyFailedException(String message) {
        super(message);
    }
}
