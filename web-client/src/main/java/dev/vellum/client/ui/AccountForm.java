package dev.vellum.client.ui;

import dev.vellum.client.jso.UnicodeText;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.xml.Element;
import org.teavm.jso.dom.xml.NodeList;

/**
 * One form of the account pages, by the ids index.html gives it ({@code <prefix>-form}, {@code -error},
 * {@code -busy}, {@code -submit}): submitting it runs the page's action instead of navigating (the CSP's
 * {@code form-action 'none'} would refuse that anyway), and while the action works, its fields and button are
 * disabled and a line says what is happening.
 */
final class AccountForm {
    private final Page page;
    private final HTMLElement form;
    private final HTMLElement error;
    private final HTMLElement busy;
    private final HTMLElement submit;

    AccountForm(Page page, String prefix) {
        this.page = page;
        this.form = page.element(prefix + "-form");
        this.error = page.element(prefix + "-error");
        this.busy = page.element(prefix + "-busy");
        this.submit = page.element(prefix + "-submit");
        // An error about what was typed goes once the person types again, so it never describes stale input.
        form.addEventListener("input", event -> error.setHidden(true));
    }

    void onSubmit(Runnable action) {
        form.addEventListener("submit", event -> {
            event.preventDefault();
            if (!submit.hasAttribute("disabled")) {
                action.run();
            }
        });
    }

    String value(String inputId) {
        return page.<HTMLInputElement>element(inputId).getValue();
    }

    /**
     * A passphrase as typed, in Unicode NFC (docs/protocol.md, "Passphrase keys"): the derivation takes the exact
     * string it is given, so every place a passphrase is read goes through here, or the same passphrase typed on
     * two systems could give two keys.
     */
    String passphrase(String inputId) {
        return UnicodeText.nfc(value(inputId));
    }

    void clear(String inputId) {
        page.<HTMLInputElement>element(inputId).setValue("");
    }

    void focus(String inputId) {
        page.element(inputId).focus();
    }

    void fail(String message) {
        idle();
        error.setInnerText(message);
        error.setHidden(false);
    }

    void working(String message) {
        error.setHidden(true);
        busy.setInnerText(message);
        busy.setHidden(false);
        form.setAttribute("aria-busy", "true");
        setDisabled(true);
    }

    void idle() {
        busy.setHidden(true);
        form.removeAttribute("aria-busy");
        setDisabled(false);
    }

    private void setDisabled(boolean disabled) {
        NodeList<? extends Element> controls = form.querySelectorAll("input, button");
        for (int i = 0; i < controls.getLength(); i++) {
            if (disabled) {
                controls.get(i).setAttribute("disabled", "");
            } else {
                controls.get(i).removeAttribute("disabled");
            }
        }
    }
}
