package dev.vellum.client.ui;

import dev.vellum.client.jso.DomExtras;
import java.util.List;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The blocking alert (role alertdialog) for something that may be an attack: it says in plain words what happened
 * and what the person can do, and stays until they choose one of its actions (Escape does not dismiss it). Nothing
 * it guards goes on meanwhile: the caller stops first and acts only on the choice.
 */
final class SecurityAlert {
    /** One of the alert's buttons. */
    record Choice(String label, Runnable action) {
    }

    private final Page page;
    private boolean wired;
    /** Alerts raised while one is open: each is shown in turn, none is dropped. */
    private final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
    private boolean open;

    SecurityAlert(Page page) {
        this.page = page;
    }

    /**
     * @param what    what happened, as one or two sentences for anyone
     * @param advice  what the person can do now
     * @param choices the buttons, the safest first (it gets the focus)
     */
    void show(String title, String what, String advice, List<Choice> choices) {
        show(title, what, advice, choices, null);
    }

    /** @param safetyNumber fills the alert's safety number area when the alert shows, or null for none */
    void show(String title, String what, String advice, List<Choice> choices,
              java.util.function.Consumer<HTMLElement> safetyNumber) {
        if (open) {
            queued.add(() -> show(title, what, advice, choices, safetyNumber));
            return;
        }
        open = true;
        HTMLElement dialog = page.element("security-alert");
        if (!wired) {
            wired = true;
            DomExtras.keepOpenOnEscape(dialog);
        }
        page.element("security-alert-title").setInnerText(title);
        page.element("security-alert-text").setInnerText(what);
        page.element("security-alert-advice").setInnerText(advice);
        page.element("security-alert-safety").setHidden(true);
        if (safetyNumber != null) {
            safetyNumber.accept(page.element("security-alert-safety"));
        }
        HTMLElement actions = page.element("security-alert-actions");
        DomExtras.clear(actions);
        HTMLElement first = null;
        for (Choice choice : choices) {
            HTMLElement button = HTMLDocument.current().createElement("button");
            button.setAttribute("type", "button");
            button.setInnerText(choice.label());
            button.addEventListener("click", event -> {
                DomExtras.close(dialog);
                open = false;
                choice.action().run();
                if (!open && !queued.isEmpty()) {
                    queued.poll().run();
                }
            });
            actions.appendChild(button);
            if (first == null) {
                first = button;
                button.setClassName("primary small");
            }
        }
        DomExtras.showModal(dialog);
        if (first != null) {
            first.focus();
        }
    }
}
