package dev.vellum.protocol.account;

import dev.vellum.error.InvalidUsernameException;
import java.nio.charset.StandardCharsets;

/**
 * A person's public name on this server, in its one normal form, so two people can never hold names that look the
 * same.
 *
 * <p>The rule (docs/protocol.md, "Usernames"): fullwidth ASCII forms (U+FF01 to U+FF5E, what some keyboards type) are
 * folded to ASCII and capitals to lower case; the result must be 3 to 32 characters of {@code a-z}, {@code 0-9},
 * {@code .}, {@code _} and {@code -}, starting and ending with a letter or digit. Everything else is refused rather
 * than mapped: a Cyrillic "а" or a Greek "ο" would look like a Latin one, and Unicode's own folding (NFKC) leaves
 * them distinct, so the only safe set is a small one.
 */
public final class Username {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;
    private static final char FULLWIDTH_FIRST = '\uFF01';
    private static final char FULLWIDTH_LAST = '\uFF5E';
    private static final int FULLWIDTH_OFFSET = FULLWIDTH_FIRST - '!';

    private final String value;

    private Username(String value) {
        this.value = value;
    }

    /** Normalises and checks what a person typed; the message of the exception is meant for them. */
    public static Username parse(String typed) throws InvalidUsernameException {
        if (typed == null || typed.isEmpty()) {
            throw new InvalidUsernameException("Choose a username.");
        }
        if (typed.length() > MAX_LENGTH * 2) {
            throw new InvalidUsernameException("A username has at most " + MAX_LENGTH + " characters.");
        }
        StringBuilder normal = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST) {
                c = (char) (c - FULLWIDTH_OFFSET);
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (!allowed(c)) {
                throw new InvalidUsernameException("A username may use only the letters a to z, digits, and . _ - "
                        + "(\"" + describe(typed, i) + "\" is not one of them).");
            }
            normal.append(c);
        }
        if (normal.length() < MIN_LENGTH || normal.length() > MAX_LENGTH) {
            throw new InvalidUsernameException("A username has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
        }
        if (!letterOrDigit(normal.charAt(0)) || !letterOrDigit(normal.charAt(normal.length() - 1))) {
            throw new InvalidUsernameException("A username starts and ends with a letter or a digit.");
        }
        return new Username(normal.toString());
    }

    private static boolean allowed(char c) {
        return letterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String describe(String typed, int index) {
        int codePoint = typed.codePointAt(index);
        return codePoint == ' ' ? "space" : new String(Character.toChars(codePoint));
    }

    public String value() {
        return value;
    }

    /** The ASCII bytes, as formats and hashes carry the name. */
    public byte[] toBytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Username && ((Username) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
