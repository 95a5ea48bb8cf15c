package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.protocol.account.RecoveryKey;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Shows a recovery key once, at sign-up and when the account page makes a new one: its groups, a copy button and a
 * text file to download, by the ids index.html gives them ({@code <prefix>-key}, {@code -copy}, {@code -copied},
 * {@code -download}, {@code -continue}). Continuing removes the key from the page and the file, and destroys it.
 */
final class RecoveryKeyPanel {
    private final HTMLElement shown;
    private final HTMLElement download;
    private final HTMLElement copied;
    private RecoveryKey current;
    private String display;
    private String fileUrl;
    private Runnable saved;

    RecoveryKeyPanel(Page page, String prefix) {
        this.shown = page.element(prefix + "-key");
        this.download = page.element(prefix + "-download");
        this.copied = page.element(prefix + "-copied");
        page.element(prefix + "-copy").addEventListener("click", event -> {
            if (display != null) {
                BrowserPage.copyText(display, () -> copied.setInnerText("Copied."),
                        () -> copied.setInnerText("Could not copy here: select the key, or download it."));
            }
        });
        page.element(prefix + "-continue").addEventListener("click", event -> {
            if (current != null) {
                Runnable then = saved;
                forget();
                then.run();
            }
        });
    }

    void show(RecoveryKey recoveryKey, String username, Runnable whenSaved) {
        forget();
        current = recoveryKey;
        display = recoveryKey.display();
        saved = whenSaved;
        HTMLDocument document = HTMLDocument.current();
        // Groups between dashes, found by hand: String.split would compile java.util.regex into the app.
        for (int start = 0; start <= display.length(); ) {
            int dash = display.indexOf('-', start);
            int end = dash < 0 ? display.length() : dash;
            HTMLElement span = document.createElement("span");
            span.setInnerText(display.substring(start, end));
            shown.appendChild(span);
            start = end + 1;
        }
        shown.setAttribute("aria-label", "Recovery key " + display);
        fileUrl = BrowserPage.textFileUrl("Vellum recovery key for " + username + "\n\n" + display
                + "\n\nWith it you can set a new passphrase if you forget yours. Keep it somewhere safe; anyone who"
                + " has it and your username can open your account.\n");
        download.setAttribute("href", fileUrl);
        copied.setInnerText("");
    }

    private void forget() {
        if (fileUrl != null) {
            BrowserPage.revokeUrl(fileUrl);
            download.removeAttribute("href");
        }
        while (shown.getFirstChild() != null) {
            shown.removeChild(shown.getFirstChild());
        }
        if (current != null) {
            current.destroy();
        }
        current = null;
        display = null;
        fileUrl = null;
        saved = null;
    }
}
