package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.keys.NoteLink;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.seal.NoteKeys;
import java.util.function.Consumer;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The start page: one button that creates a note's secret, and so its keys and id, in this browser; beside it,
 * signing up and logging in, or who is logged in.
 */
final class HomeView {
    private final Page page;
    private final RandomSource random;
    private final Consumer<NoteLink> openNote;
    private boolean wired;

    HomeView(Page page, RandomSource random, Consumer<NoteLink> openNote) {
        this.page = page;
        this.random = random;
        this.openNote = openNote;
    }

    void show() {
        wire();
        page.show("home-view");
        page.element("new-note").focus();
    }

    /** Shows the account part once known: the note button works before, and does not wait for it. */
    void showAccount(AccountSession.State state) {
        wire();
        page.element("home-signed-out").setHidden(state.signedIn() || state.locked());
        page.element("home-signed-in").setHidden(!state.signedIn());
        page.element("home-locked").setHidden(!state.locked());
        if (state.signedIn()) {
            page.element("home-username").setInnerText(state.account().username().value());
        } else if (state.locked()) {
            page.element("home-locked-username").setInnerText(state.lockedUsername());
        }
    }

    private void wire() {
        if (wired) {
            return;
        }
        wired = true;
        page.element("new-note").addEventListener("click", event -> createNote());
        page.element("home-logout").addEventListener("click",
                event -> AccountActions.logOut(page.element("home-username").getInnerText(), this::logoutProblem));
        page.element("home-locked-logout").addEventListener("click", event -> AccountActions.logOut(
                page.element("home-locked-username").getInnerText(), this::logoutProblem));
    }

    private void logoutProblem(String message) {
        HTMLElement problem = page.element("home-logout-problem");
        problem.setInnerText(message);
        problem.setHidden(false);
    }

    private void createNote() {
        openNote.accept(NoteLink.of(NoteKeys.generate(random)));
    }
}
