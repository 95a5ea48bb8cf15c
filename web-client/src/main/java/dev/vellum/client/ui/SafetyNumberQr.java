package dev.vellum.client.ui;

import dev.vellum.crypto.identity.SafetyNumber;
import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.util.List;

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

    private final QrCode code;

    private SafetyNumberQr(QrCode code) {
        this.code = code;
    }

    public static SafetyNumberQr of(SafetyNumber number) {
        // 60 digits (214 bits) fit version 2 (25 x 25) at level M; boostEcl raises the level further when it costs no larger code.
        return new SafetyNumberQr(QrCode.encodeSegments(List.of(QrSegment.makeNumeric(number.digits())),
                QrCode.Ecc.MEDIUM, 1, 40, -1, true));
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
