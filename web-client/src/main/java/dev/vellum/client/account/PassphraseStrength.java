package dev.vellum.client.account;

import java.util.Locale;

/**
 * A small estimate of how hard a passphrase is to guess, for the sign-up page's meter. It counts the bits of each
 * character from the classes the passphrase draws on (lower case, upper case, digits, symbols, other letters), and
 * counts almost nothing for what guessers try first: a repeated or sequential character ({@code aaaa}, {@code 1234},
 * {@code qwerty}), a passphrase that repeats itself, a well-known password or a word from that list inside it (also
 * with {@code 4}/{@code @}/{@code 0}/{@code 1}/{@code 3}/{@code 5}/{@code $} for letters), and the username.
 *
 * <p>It is a guide, not a guarantee: a long phrase of common words rates higher here than a guesser with a word list
 * would find it. What it never does is rate a short or well-known passphrase anything but weak. The minimum a
 * passphrase must meet ({@link Assessment#acceptable()}) is {@value #MIN_LENGTH} characters and a rating above
 * {@link Rating#WEAK}; the README documents it.
 */
public final class PassphraseStrength {
    public static final int MIN_LENGTH = 10;

    /** The meter's levels; the thresholds are in bits of the estimate. */
    public enum Rating {
        WEAK("Weak"), FAIR("Fair"), GOOD("Good"), STRONG("Strong");

        private final String label;

        Rating(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The estimate, the rating it gives, and one sentence of advice for the person. */
    public record Assessment(Rating rating, int bits, int length, String advice) {
        public boolean acceptable() {
            return length >= MIN_LENGTH && rating != Rating.WEAK;
        }

        /** 0 to 4, for the page's {@code <meter>}: 0 only for an empty passphrase. */
        public int meterValue() {
            return length == 0 ? 0 : rating.ordinal() + 1;
        }
    }

    private static final int FAIR_BITS = 45;
    private static final int GOOD_BITS = 60;
    private static final int STRONG_BITS = 80;
    /** What a whole word from the list is worth: the list is short, and guessers try such words first. */
    private static final double LISTED_WORD_BITS = 6;
    /** A character that repeats or continues a sequence, which guessers also try early. */
    private static final double PREDICTABLE_CHAR_BITS = 1;

    /** Passwords found at the top of every leaked-password list; also matched inside longer ones. */
    private static final String[] COMMON = {
        "password", "passwort", "passphrase", "123456", "12345678", "123456789", "1234567890", "qwerty", "qwertz",
        "azerty", "letmein", "iloveyou", "admin", "welcome", "monkey", "dragon", "football", "baseball", "soccer",
        "sunshine", "princess", "master", "shadow", "superman", "batman", "trustno1", "hello", "freedom",
        "whatever", "starwars", "secret", "login", "abc123", "111111", "000000", "654321", "666666", "121212",
        "computer", "michael", "jennifer", "charlie", "jordan", "hunter", "ranger", "buster", "thomas", "tigger",
        "summer", "winter", "spring", "autumn", "flower", "cookie", "pokemon", "mustang", "access", "killer",
        "changeme", "default", "vellum", "notes", "google", "facebook", "linkedin", "internet", "samsung",
        "ashley", "daniel", "matrix", "loveme", "lovely", "family", "friends", "forever", "blink182", "zxcvbnm",
        "asdfgh", "asdfghjkl", "qwertyuiop", "1q2w3e4r", "1qaz2wsx", "q1w2e3r4", "passw0rd", "p@ssw0rd",
    };

    private static final String[] KEYBOARD_ROWS = {
        "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "qwertzuiop", "azertyuiop", "yxcvbnm",
    };

    private PassphraseStrength() {
    }

    /** @param username the name being signed up with, or empty: a passphrase containing it gains nothing from it */
    public static Assessment assess(String passphrase, String username) {
        int[] chars = codePoints(passphrase);
        int length = chars.length;
        if (length == 0) {
            return new Assessment(Rating.WEAK, 0, 0, "Choose a passphrase of at least " + MIN_LENGTH + " characters.");
        }
        String lower = passphrase.toLowerCase(Locale.ROOT);
        String plain = unLeet(lower);
        if (isCommon(lower)) {
            return new Assessment(Rating.WEAK, 0, length, "This is one of the most used passwords: choose another.");
        }
        boolean[] counted = new boolean[length];
        double bits = 0;
        String advice = null;

        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        int nameAt = name.length() >= 3 && chars.length == plain.length() ? plain.indexOf(name) : -1;
        if (nameAt >= 0) {
            markWord(counted, nameAt, name.length());
            bits += LISTED_WORD_BITS;
            advice = "Leave your username out of your passphrase.";
        }
        if (chars.length == plain.length()) {
            for (String word : COMMON) {
                for (int at = plain.indexOf(word); at >= 0; at = plain.indexOf(word, at + 1)) {
                    if (!counted[at]) {
                        markWord(counted, at, word.length());
                        bits += LISTED_WORD_BITS;
                        if (advice == null) {
                            advice = "Avoid well-known passwords and words like \"" + word + "\".";
                        }
                    }
                }
            }
        }

        double perChar = log2(alphabetSize(chars));
        int predictable = 0;
        for (int i = 0; i < length; i++) {
            if (counted[i]) {
                continue;
            }
            if (i > 0 && continues(chars, i)) {
                bits += PREDICTABLE_CHAR_BITS;
                predictable++;
            } else {
                bits += perChar;
            }
        }
        if (predictable * 3 >= length && advice == null) {
            advice = "Avoid repeated characters and sequences like aaa, abc or 123.";
        }
        if (repeatsItself(plain)) {
            bits = bits / 2 + 1;
            if (advice == null) {
                advice = "Avoid repeating the same part twice.";
            }
        }

        int roundedBits = (int) Math.floor(bits);
        Rating rating = rate(roundedBits);
        if (length < MIN_LENGTH) {
            rating = Rating.WEAK;
            advice = "Use at least " + MIN_LENGTH + " characters (" + length + " so far).";
        } else if (advice == null) {
            advice = switch (rating) {
                case WEAK -> "Add more words or characters.";
                case FAIR -> "Good enough; a few more words make it stronger.";
                case GOOD -> "Hard to guess.";
                case STRONG -> "Very hard to guess.";
            };
        }
        return new Assessment(rating, roundedBits, length, advice);
    }

    private static Rating rate(int bits) {
        if (bits >= STRONG_BITS) {
            return Rating.STRONG;
        } else if (bits >= GOOD_BITS) {
            return Rating.GOOD;
        } else if (bits >= FAIR_BITS) {
            return Rating.FAIR;
        }
        return Rating.WEAK;
    }

    private static boolean isCommon(String lower) {
        String plain = unLeet(lower);
        String core = unLeet(stripEnds(lower));
        for (String word : COMMON) {
            String listed = unLeet(word);
            if (plain.equals(listed) || core.equals(listed)) {
                return true;
            }
        }
        return false;
    }

    /** Drops digits and symbols at both ends, where people add them to a word ({@code Password123!}). */
    private static String stripEnds(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetter(text.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The usual letter substitutions, undone, so {@code p@ssw0rd} is found as {@code password}. */
    private static String unLeet(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(switch (c) {
                case '4', '@' -> 'a';
                case '3' -> 'e';
                case '1', '!' -> 'i';
                case '0' -> 'o';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return out.toString();
    }

    private static int[] codePoints(String text) {
        int[] out = new int[text.codePointCount(0, text.length())];
        for (int i = 0, at = 0; at < text.length(); i++) {
            out[i] = text.codePointAt(at);
            at += Character.charCount(out[i]);
        }
        return out;
    }

    private static void markWord(boolean[] counted, int at, int length) {
        for (int i = at; i < at + length && i < counted.length; i++) {
            counted[i] = true;
        }
    }

    private static int alphabetSize(int[] chars) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        boolean other = false;
        for (int c : chars) {
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c < 128) {
                symbol = true;
            } else {
                other = true;
            }
        }
        return (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
    }

    /** The same character again, the next or previous one ({@code abc}, {@code 321}), or a keyboard neighbour. */
    private static boolean continues(int[] chars, int i) {
        int previous = Character.toLowerCase(chars[i - 1]);
        int current = Character.toLowerCase(chars[i]);
        if (Math.abs(current - previous) <= 1) {
            return true;
        }
        for (String row : KEYBOARD_ROWS) {
            int at = row.indexOf(previous);
            if (at >= 0 && row.indexOf(current) == at + 1) {
                return true;
            }
        }
        return false;
    }

    /** {@code hunter2hunter2}: the second half adds nothing to a guesser who tries doubling. */
    private static boolean repeatsItself(String plain) {
        int n = plain.length();
        for (int period = 1; period <= n / 2; period++) {
            if (n % period == 0 && plain.substring(period).equals(plain.substring(0, n - period))) {
                return true;
            }
        }
        return false;
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }
}
