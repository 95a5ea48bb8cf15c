package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.keys.InvalidNoteLinkException;
import dev.vellum.client.keys.MissingNoteKeyException;
import dev.vellum.client.keys.NoteLink;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.seal.NoteKeys;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.History;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;

/**
 * Chooses the view from the URL: the start page at {@code /}, a note at {@code /n/<id>#<key>}, and the account
 * pages at {@code /signup}, {@code /login}, {@code /recover} and {@code /account}.
 */
public final class App {
    private final Page page = new Page();
    private final RandomSource random;
    private HomeView home;
    /** Who is logged in, as this page last learned it (the home page asks), or null before it knows. */
    private AccountSession.State account;

    public App(RandomSource random) {
        this.random = random;
    }

    public void start() {
        Location location = Window.current().getLocation();
        // Another note's link pasted into this tab changes only the fragment or the history: start afresh.
        Window.current().addEventListener("hashchange", event -> location.reload());
        Window.current().addEventListener("popstate", event -> location.reload());
        String path = location.getPathName();
        if (NoteLink.isNotePath(path)) {
            try {
                openNote(NoteLink.parse(path, location.getHash()), false);
            } catch (InvalidNoteLinkException e) {
                page.showLinkError(e.getMessage());
            }
            return;
        }
        switch (path) {
            case "/signup" -> new SignUpView(page, random, this::signedIn).show();
            case "/login" -> new LoginView(page, random, this::signedIn).show();
            case "/recover" -> new RecoverView(page, random, this::signedIn).show();
            case "/account" -> AccountSession.check(state -> {
                if (state.signedIn()) {
                    new AccountView(page, random, state.account()).show();
                } else {
                    BrowserPage.go("/login");
                }
            });
            default -> {
                home().show();
                AccountSession.check(state -> {
                    account = state;
                    home().showAccount(state);
                });
            }
        }
    }

    private HomeView home() {
        if (home == null) {
            home = new HomeView(page, random, this::createNote);
        }
        return home;
    }

    /** After a sign-up, login or recovery: the start page, logged in, without loading the app again. */
    private void signedIn(UnlockedAccount account) {
        History.current().pushState((JSObject) null, "", "/");
        home().show();
        this.account = AccountSession.State.signedIn(account);
        home().showAccount(this.account);
        BrowserPage.mark("login-usable");
    }

    private void createNote(NoteLink link) {
        History.current().pushState((JSObject) null, "", link.pathWithKey());
        openNote(link, true);
    }

    /**
     * Opens the note as whoever is logged in in this browser (their device signs what they write), or anonymously
     * when nobody is; never anonymously for a person whose keys cannot be opened now (see {@link EditorView}).
     */
    private void openNote(NoteLink link, boolean createdHere) {
        NoteKeys keys;
        try {
            keys = link.keysFor(link.noteId());
        } catch (MissingNoteKeyException e) {
            page.showLinkError(e.getMessage()); // before anything is fetched, the session included
            return;
        }
        if (createdHere && account != null) {
            // Made from the home page, which already knows who is logged in: typing can start at once.
            new EditorView(page, link, keys, random, true, account).open();
            return;
        }
        AccountSession.check(state -> new EditorView(page, link, keys, random, createdHere, state).open());
    }
}
