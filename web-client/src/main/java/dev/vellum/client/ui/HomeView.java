package dev.vellum.client.ui;

import dev.vellum.client.keys.NoteLink;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.seal.NoteKeys;
import java.util.function.Consumer;

/** The start page: one button that creates a note's secret, and so its keys and id, in this browser. */
final class HomeView {
    private final Page page;
    private final RandomSource random;
    private final Consumer<NoteLink> openNote;

    HomeView(Page page, RandomSource random, Consumer<NoteLink> openNote) {
        this.page = page;
        this.random = random;
        this.openNote = openNote;
    }

    void show() {
        page.show("home-view");
        page.element("new-note").addEventListener("click", event -> createNote());
        page.element("new-note").focus();
    }

    private void createNote() {
        openNote.accept(NoteLink.of(NoteKeys.generate(random)));
    }
}
