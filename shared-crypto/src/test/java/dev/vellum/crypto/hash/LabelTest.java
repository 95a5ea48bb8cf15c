package dev.vellum.crypto.hash;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LabelTest {
    /**
     * Labels are prefixed to variable-length data without a separator, so no label may be a prefix of another:
     * otherwise "label-a" || data could equal "label-ab" || other data.
     */
    @Test
    void noLabelIsAPrefixOfAnother() {
        for (Label a : Label.values()) {
            for (Label b : Label.values()) {
                if (a != b) {
                    String first = new String(a.bytes(), StandardCharsets.US_ASCII);
                    String second = new String(b.bytes(), StandardCharsets.US_ASCII);
                    assertFalse(second.startsWith(first), a + " is a prefix of " + b);
                }
            }
        }
    }

    @Test
    void everyLabelIsVersioned() {
        for (Label label : Label.values()) {
            assertTrue(new String(label.bytes(), StandardCharsets.US_ASCII).startsWith("vellum/v1/"), label.name());
        }
    }
}
