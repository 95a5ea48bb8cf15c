package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.testing.FixedRandomSource;
import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The QR code of a safety number, read back by an independent decoder (ZXing) from the SVG path the page draws, so
 * what a phone scans is what the page shows in digits.
 */
class SafetyNumberQrTest {
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final int PIXELS_PER_MODULE = 4;

    @Test
    void svgPath_decodesToTheSafetyNumbersDigits() throws Exception {
        SafetyNumber number = SafetyNumber.of(identity(1), identity(2));

        SafetyNumberQr qr = SafetyNumberQr.of(number);

        assertEquals(number.digits(), decode(qr.svgPath(), qr.size()));
    }

    @Test
    void differentIdentities_giveCodesThatDecodeToTheirOwnNumbers() throws Exception {
        SafetyNumber first = SafetyNumber.of(identity(1), identity(2));
        SafetyNumber second = SafetyNumber.of(identity(1), identity(3));
        SafetyNumberQr qr = SafetyNumberQr.of(second);

        String decoded = decode(qr.svgPath(), qr.size());

        assertEquals(second.digits(), decoded);
        assertTrue(!decoded.equals(first.digits()), "a swapped key shows a code of another number");
    }

    @Test
    void drawing_hasTheQuietZoneLightAndTheFinderPatternDark() {
        SafetyNumberQr qr = SafetyNumberQr.of(SafetyNumber.of(identity(1), identity(2)));
        int q = SafetyNumberQr.QUIET_ZONE;

        // 60 digits in numeric mode (214 bits) fit version 2 (25 modules) at level M: a code a phone reads at once.
        assertEquals(25 + 2 * q, qr.size());
        for (int i = 0; i < qr.size(); i++) {
            assertTrue(!qr.isDark(i, 0) && !qr.isDark(0, i) && !qr.isDark(i, qr.size() - 1), "quiet zone at " + i);
        }
        // The top-left finder: a dark 7x7 ring around a light ring around a dark 3x3 centre.
        assertTrue(qr.isDark(q, q) && qr.isDark(q + 6, q + 6) && qr.isDark(q + 3, q + 3));
        assertTrue(!qr.isDark(q + 1, q + 1) && !qr.isDark(q + 5, q + 1));
    }

    @Test
    void everyModule_isWhatQrcodegensOwnEncoderDraws() {
        for (int seed = 2; seed < 12; seed++) {
            SafetyNumber number = SafetyNumber.of(identity(1), identity(seed));
            QrCode reference = QrCode.encodeSegments(List.of(QrSegment.makeNumeric(number.digits())),
                    QrCode.Ecc.MEDIUM, 1, 40, -1, true);
            SafetyNumberQr qr = SafetyNumberQr.of(number);

            assertEquals(reference.size + 2 * SafetyNumberQr.QUIET_ZONE, qr.size());
            for (int y = 0; y < reference.size; y++) {
                for (int x = 0; x < reference.size; x++) {
                    assertEquals(reference.getModule(x, y), qr.isDark(x + SafetyNumberQr.QUIET_ZONE,
                            y + SafetyNumberQr.QUIET_ZONE), "module " + x + "," + y + " of seed " + seed);
                }
            }
        }
    }

    /** Rasterises the path's rectangles (light background) and decodes them as a phone's scanner would. */
    private static String decode(String svgPath, int modules) throws Exception {
        int width = modules * PIXELS_PER_MODULE;
        int[] pixels = new int[width * width];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = RUN.matcher(svgPath);
        int consumed = 0;
        while (run.find()) {
            assertEquals(consumed, run.start(), "the path is only runs of rectangles");
            consumed = run.end();
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertEquals(length, Integer.parseInt(run.group(4)), "each run closes on itself");
            for (int px = x * PIXELS_PER_MODULE; px < (x + length) * PIXELS_PER_MODULE; px++) {
                for (int py = y * PIXELS_PER_MODULE; py < (y + 1) * PIXELS_PER_MODULE; py++) {
                    pixels[py * width + px] = 0xFF000000;
                }
            }
        }
        assertEquals(svgPath.length(), consumed, "nothing after the last run");
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, width, pixels)));
        Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return result.getText();
    }

    private static dev.vellum.crypto.identity.PublicIdentity identity(int seed) {
        byte[] seedBytes = new byte[256];
        java.util.Arrays.fill(seedBytes, (byte) seed);
        return IdentityKeyPair.generate(new FixedRandomSource(seedBytes)).publicIdentity();
    }
}
