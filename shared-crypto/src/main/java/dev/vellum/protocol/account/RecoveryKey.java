package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidRecoveryKeyException;
import java.util.Arrays;

/**
 * A second way into an account, for a person who forgot the passphrase: 160 random bits, shown once at sign-up as 32
 * Crockford base32 characters in eight groups of four. It seals the account's identity a second time
 * ({@link SealedKeys.Purpose#ACCOUNT_RECOVERY}) and proves itself to the server with its own {@link AuthKey}. With
 * 160 random bits no Argon2id is needed: nobody can guess it, online or offline.
 */
public final class RecoveryKey {
    public static final int LENGTH = 20;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CHARACTERS = LENGTH * 8 / 5;
    private static final int GROUP = 4;

    private final byte[] bytes;

    private RecoveryKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static RecoveryKey generate(RandomSource random) {
        return new RecoveryKey(random.randomBytes(LENGTH));
    }

    /**
     * Reads a key as a person types it back: case, spaces and dashes do not matter, and I, L and O are read as 1, 1
     * and 0, as Crockford's alphabet intends.
     */
    public static RecoveryKey parse(String typed) throws InvalidRecoveryKeyException {
        StringBuilder symbols = new StringBuilder(CHARACTERS);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= 'a' && c <= 'z') {
                // ASCII only: Character.toUpperCase would also turn a dotless i or a long s into I or S.
                c = (char) (c - ('a' - 'A'));
            }
            if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c == 'I' || c == 'L') {
                c = '1';
            } else if (c == 'O') {
                c = '0';
            }
            if (ALPHABET.indexOf(c) < 0) {
                throw new InvalidRecoveryKeyException("A recovery key uses only digits and the letters A to Z "
                        + "without U; \"" + typed.charAt(i) + "\" is not one of them.");
            }
            symbols.append(c);
        }
        if (symbols.length() != CHARACTERS) {
            throw new InvalidRecoveryKeyException("A recovery key has " + CHARACTERS + " characters; this has "
                    + symbols.length() + ".");
        }
        byte[] bytes = new byte[LENGTH];
        long buffer = 0;
        int bits = 0;
        int out = 0;
        for (int i = 0; i < CHARACTERS; i++) {
            buffer = (buffer << 5) | ALPHABET.indexOf(symbols.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes[out++] = (byte) (buffer >>> bits);
            }
        }
        return new RecoveryKey(bytes);
    }

    /** The form shown to the person: {@code XXXX-XXXX-...}, eight groups of four. */
    public String display() {
        StringBuilder text = new StringBuilder(CHARACTERS + CHARACTERS / GROUP);
        long buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                if (text.length() > 0 && (text.length() + 1) % (GROUP + 1) == 0) {
                    text.append('-');
                }
                text.append(ALPHABET.charAt((int) (buffer >>> bits) & 31));
            }
        }
        return text.toString();
    }

    public WrappingKey wrappingKey() {
        return WrappingKey.derive(bytes, Label.RECOVERY_WRAPPING_KEY);
    }

    public AuthKey authKey() {
        return AuthKey.derive(bytes, Label.RECOVERY_AUTH_KEY);
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "RecoveryKey[redacted]";
    }
}
