package dev.vellum.client.ui;

import dev.vellum.client.sync.HistoryVersion;
import dev.vellum.client.sync.NoteSync;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The note's earlier versions (its snapshots): a list with who made each and when, a read-only view of one, and a
 * button that restores it as a new change, so nothing in between is lost from the history.
 */
final class HistoryPanel {
    private final Page page;
    private final HTMLElement panel;
    private final HTMLElement list;
    private final HTMLElement more;
    private final HTMLElement viewer;
    private NoteSync sync;
    private long oldestListed;
    private HistoryVersion viewing;
    private java.util.function.BooleanSupplier canRestore = () -> false;

    HistoryPanel(Page page) {
        this.page = page;
        this.panel = page.element("history-panel");
        this.list = page.element("history-list");
        this.more = page.element("history-more");
        this.viewer = page.element("history-view");
    }

    /** @param editable whether the note may be changed here now (restoring is a change) */
    void wire(NoteSync noteSync, java.util.function.BooleanSupplier editable) {
        this.sync = noteSync;
        this.canRestore = editable;
        page.element("history-toggle").addEventListener("click", event -> {
            if (panel.isHidden()) {
                open();
            } else {
                panel.setHidden(true);
            }
        });
        page.element("history-close").addEventListener("click", event -> panel.setHidden(true));
        more.addEventListener("click", event -> sync.requestHistoryBefore(oldestListed));
        page.element("history-back").addEventListener("click", event -> viewer.setHidden(true));
        page.element("history-restore").addEventListener("click", event -> {
            if (viewing != null && canRestore.getAsBoolean()) {
                sync.restoreVersion(viewing.text());
                viewer.setHidden(true);
                panel.setHidden(true);
            }
        });
    }

    private void open() {
        list.setTextContent("");
        viewer.setHidden(true);
        more.setHidden(true);
        page.element("history-empty").setInnerText("Loading versions…");
        page.element("history-empty").setHidden(false);
        panel.setHidden(false);
        sync.requestHistory();
    }

    /** Adds a page of versions, newest first, below those already listed. */
    void show(List<HistoryVersion> versions, boolean hasMore) {
        HTMLDocument document = HTMLDocument.current();
        for (HistoryVersion version : versions) {
            HTMLElement item = document.createElement("li");
            HTMLElement button = document.createElement("button");
            button.setAttribute("type", "button");
            button.setClassName("history-entry");
            HTMLElement when = document.createElement("strong");
            when.setTextContent(formatTime(version.createdAtMillis()));
            HTMLElement who = document.createElement("span");
            who.setTextContent(authorLine(version));
            if (!version.author().hasAccount()) {
                who.setClassName(PeerNames.ANONYMOUS_CLASS);
            }
            button.appendChild(when);
            button.appendChild(who);
            button.addEventListener("click", event -> view(version));
            item.appendChild(button);
            list.appendChild(item);
            oldestListed = version.revision();
        }
        HTMLElement empty = page.element("history-empty");
        empty.setInnerText("No earlier versions yet. A version is kept when someone pauses after editing.");
        empty.setHidden(list.getFirstChild() != null);
        more.setHidden(!hasMore);
    }

    private void view(HistoryVersion version) {
        viewing = version;
        page.element("history-view-title").setTextContent(formatTime(version.createdAtMillis()) + " · "
                + authorLine(version));
        page.element("history-text").setTextContent(version.text().isEmpty() ? "(empty note)" : version.text());
        viewer.setHidden(false);
    }

    /**
     * Who made a version: a username (proven by their device's certificate) as it is; an anonymous name marked so,
     * with their key's first digits to tell apart two who chose the same name.
     */
    private static String authorLine(HistoryVersion version) {
        if (version.author().hasAccount()) {
            return version.author().text();
        }
        String name = version.author().text().isEmpty() ? "Someone" : version.author().text();
        return name + ", no account (key " + version.authorKey() + ")";
    }

    @JSBody(params = "millis", script = "return new Date(millis).toLocaleString(undefined,"
            + " {dateStyle: 'medium', timeStyle: 'short'});")
    private static native String formatTime(double millis);
}
