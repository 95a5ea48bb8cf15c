package dev.vellum.client.ui;

import dev.vellum.crypto.identity.SafetyNumber;
import io.nayuki.qrcodegen.BitBuffer;
import io.nayuki.qrcodegen.QrCode;

/**
 * A safety number as a QR code, for a phone to scan instead of reading 60 digits aloud. It holds the digits alone,
 * in numeric mode (the densest), at error correction level M, so a slightly smudged screen still scans.
 *
 * <p>Drawn as one SVG path, not as an image: the page's CSP allows neither inline styles nor {@code data:} images,
 * and a path stays sharp at any zoom. Pure Java, so it is tested on the JVM by decoding it with another library.
 */
public final class SafetyNumberQr {
    /** The light border a scanner needs around the code, in modules (ISO/IEC 18004 asks for four). */
    public static final int QUIET_ZONE = 4;
    /** 25 x 25 modules. */
    private static final int VERSION = 2;
    /** Data codewords of version 2 at level M (ISO/IEC 18004 table 7). */
    private static final int DATA_CODEWORDS = 28;
    private static final int NUMERIC_MODE = 0b0001;
    /** Width of a numeric segment's character count in versions 1 to 9. */
    private static final int NUMERIC_COUNT_BITS = 10;

    private final QrCode code;

    private SafetyNumberQr(QrCode code) {
        this.code = code;
    }

    public static SafetyNumberQr of(SafetyNumber number) {
        return new SafetyNumberQr(new QrCode(VERSION, QrCode.Ecc.MEDIUM, dataCodewords(number.digits()), -1));
    }

    /**
     * The 60 digits as one numeric segment, terminated and padded to version 2-M's 28 data codewords (ISO/IEC 18004
     * 7.4), as qrcodegen's {@code encodeSegments} writes them: 214 bits, which fit version 2 at level M and not at Q,
     * so that is the code it chose. Written here because {@code QrSegment} compiles two regular expressions when
     * loaded and {@code encodeSegments} formats its error with {@code String.format}, which together put
     * java.util.regex and java.util.Formatter (about a tenth of the app's WebAssembly) into every page.
     */
    private static byte[] dataCodewords(String digits) {
        BitBuffer bits = new BitBuffer();
        bits.appendBits(NUMERIC_MODE, 4);
        bits.appendBits(digits.length(), NUMERIC_COUNT_BITS);
        for (int i = 0; i < digits.length(); i += 3) {
            int group = Math.min(3, digits.length() - i);
            bits.appendBits(Integer.parseInt(digits.substring(i, i + group)), group * 3 + 1);
        }
        int capacityBits = DATA_CODEWORDS * 8;
        if (bits.bitLength() > capacityBits) {
            throw new IllegalArgumentException("A safety number of " + digits.length() + " digits does not fit a"
                    + " version " + VERSION + " QR code");
        }
        bits.appendBits(0, Math.min(4, capacityBits - bits.bitLength()));
        bits.appendBits(0, (8 - bits.bitLength() % 8) % 8);
        for (int pad = 0xEC; bits.bitLength() < capacityBits; pad ^= 0xEC ^ 0x11) {
            bits.appendBits(pad, 8);
        }
        byte[] codewords = new byte[DATA_CODEWORDS];
        for (int i = 0; i < capacityBits; i++) {
            codewords[i >>> 3] |= (byte) (bits.getBit(i) << (7 - (i & 7)));
        }
        return codewords;
    }

    /** Width and height of the drawing, in modules, quiet zone included: the SVG's view box. */
    public int size() {
        return code.size + 2 * QUIET_ZONE;
    }

    /** Whether the module at (x, y) of the drawing (quiet zone included) is dark. */
    public boolean isDark(int x, int y) {
        return code.getModule(x - QUIET_ZONE, y - QUIET_ZONE); // qrcodegen answers false outside the code
    }

    /**
     * The dark modules as SVG path data in the drawing's coordinates: each horizontal run of dark modules one
     * rectangle ({@code M x y h n v 1 h -n z}), which keeps the path short (about a third of one per module).
     */
    public String svgPath() {
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size(); y++) {
            int x = 0;
            while (x < size()) {
                if (!isDark(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size() && isDark(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return path.toString();
    }
}
