package org.teavm.classlib.org.bouncycastle.util;

/**
 * TeaVM stand-in for BouncyCastle's {@code Strings}, used only in the browser build, with the methods that the code we
 * compile calls (hex encoding and decoding, BouncyCastle's property lookups), each as BouncyCastle writes it. The real
 * class's static initialiser finds the line separator with {@code String.format("%n")}, which alone pulls {@code
 * java.util.Formatter}, {@code DecimalFormat}, calendars and time zones into the WebAssembly module. Found by {@code
 * BouncyCastleSubstitution}; a call to any other method makes the TeaVM build fail.
 */
public final class TStrings {
    private TStrings() {
    }

    /** Each byte as the char of the same value 0..255 (ISO-8859-1), as BouncyCastle's {@code asCharArray}. */
    public static String fromByteArray(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (bytes[i] & 0xff);
        }
        return new String(chars);
    }

    /** Each char's low byte (ISO-8859-1 for chars 0..255), as BouncyCastle's {@code toByteArray}. */
    public static byte[] toByteArray(String string) {
        byte[] bytes = new byte[string.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) string.charAt(i);
        }
        return bytes;
    }

    /** ASCII upper case only, whatever the locale; the same string when nothing changes. */
    public static String toUpperCase(String string) {
        return shiftAscii(string, 'a', 'z', 'A' - 'a');
    }

    /** ASCII lower case only, whatever the locale; the same string when nothing changes. */
    public static String toLowerCase(String string) {
        return shiftAscii(string, 'A', 'Z', 'a' - 'A');
    }

    private static String shiftAscii(String string, char first, char last, int shift) {
        char[] chars = string.toCharArray();
        boolean changed = false;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= first && c <= last) {
                chars[i] = (char) (c + shift);
                changed = true;
            }
        }
        return changed ? new String(chars) : string;
    }
}
