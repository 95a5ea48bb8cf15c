package dev.vellum.client.ui;

import dev.vellum.client.jso.DomExtras;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.identity.SafetyNumber;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Shows the safety number of this person and another, as twelve groups of digits and as a QR code, each with an
 * accessible name that says whose number it is (tests and screen readers read the digits from it).
 */
final class SafetyNumberView {
    private SafetyNumberView() {
    }

    /** Fills {@code container} (emptied first) with the number of {@code mine} and {@code theirs}. */
    static void render(HTMLElement container, PublicIdentity mine, PublicIdentity theirs, String theirName) {
        render(container, SafetyNumber.of(mine, theirs), theirName);
    }

    /** Fills {@code container} (emptied first) with {@code number}, shared with {@code theirName}. */
    static void render(HTMLElement container, SafetyNumber number, String theirName) {
        DomExtras.clear(container);
        HTMLElement digits = HTMLDocument.current().createElement("p");
        digits.setClassName("safety-digits");
        digits.setAttribute("aria-label", "Safety number with " + theirName);
        digits.setAttribute("data-digits", number.digits());
        digits.setInnerText(number.displayText());
        SafetyNumberQr qr = SafetyNumberQr.of(number);
        HTMLElement code = DomExtras.svgSquare(qr.size(), qr.svgPath(),
                "Safety number with " + theirName + " as a QR code");
        container.appendChild(digits);
        container.appendChild(code);
        container.setHidden(false);
    }
}
