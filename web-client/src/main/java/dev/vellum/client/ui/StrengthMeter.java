package dev.vellum.client.ui;

import dev.vellum.client.account.PassphraseStrength;
import dev.vellum.client.account.PassphraseStrength.Assessment;
import java.util.function.Supplier;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/** The meter under a new passphrase: rated as the person types, with one line of advice. */
final class StrengthMeter {
    private final HTMLInputElement input;
    private final HTMLElement meter;
    private final HTMLElement text;
    private final Supplier<String> username;

    /** @param prefix the ids {@code <prefix>-strength} (the meter) and {@code <prefix>-strength-text} */
    StrengthMeter(Page page, String inputId, String prefix, Supplier<String> username) {
        this.input = page.element(inputId);
        this.meter = page.element(prefix + "-strength");
        this.text = page.element(prefix + "-strength-text");
        this.username = username;
        input.addEventListener("input", event -> update());
    }

    Assessment assess() {
        return PassphraseStrength.assess(input.getValue(), username.get());
    }

    private void update() {
        Assessment assessment = assess();
        meter.setAttribute("value", Integer.toString(assessment.meterValue()));
        text.setInnerText(assessment.length() == 0 ? "At least " + PassphraseStrength.MIN_LENGTH
                + " characters; a few words work well."
                : assessment.rating().label() + ". " + assessment.advice());
    }

    /** Null when the passphrase meets the minimum, else why not, for the form's error line. */
    String problem() {
        Assessment assessment = assess();
        if (assessment.acceptable()) {
            return null;
        }
        return "This passphrase is too weak: " + assessment.advice();
    }
}
