package dev.vellum.protocol.account;

/**
 * The two keys a passphrase gives ({@link AccountKdf#derive}): one stays in the browser and opens the private keys,
 * the other goes to the server to prove the passphrase. Neither can be computed from the other.
 */
public record PassphraseKeys(WrappingKey wrappingKey, AuthKey authKey) {
    public PassphraseKeys {
        if (wrappingKey == null || authKey == null) {
            throw new NullPointerException("both keys are needed");
        }
    }

    public void destroy() {
        wrappingKey.destroy();
        authKey.destroy();
    }

    @Override
    public String toString() {
        return "PassphraseKeys[redacted]";
    }
}
