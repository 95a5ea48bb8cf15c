package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.keys.InvalidNoteLinkException;
import dev.vellum.client.keys.MissingNoteKeyException;
import dev.vellum.client.keys.NoteLink;
import dev.vellum.client.workspace.InvalidJoinLinkException;
import dev.vellum.client.workspace.JoinLink;
import dev.vellum.client.workspace.WorkspaceApi;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.seal.NoteKeys;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.History;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Chooses the view from the URL: the start page at {@code /}, a note at {@code /n/<id>#<key>}, the account pages at
 * {@code /signup}, {@code /login}, {@code /recover} and {@code /account}, a workspace at {@code /w/<id>} and its
 * notes at {@code /w/<id>/n/<note>}, and an invite link's page at {@code /join/<id>#<secret>}.
 */
public final class App {
    private final Page page = new Page();
    private final RandomSource random;
    private final WorkspaceScreens screens;
    private HomeView home;
    private HomeWorkspaces homeWorkspaces;
    /** Who is logged in, as this page last learned it (the home page asks), or null before it knows. */
    private AccountSession.State account;
    /**
     * The editor's markup as the page first had it: a note moved from its link to a workspace opens in a fresh copy,
     * so nothing the link note's editor wired (listeners, shown alerts, its text) carries over to the new one.
     */
    private final HTMLElement pristineEditor;

    public App(RandomSource random) {
        this.random = random;
        this.screens = new WorkspaceScreens(page, random);
        this.pristineEditor = (HTMLElement) page.element("editor-view").cloneNode(true);
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
        if (WorkspacePath.isWorkspacePath(path)) {
            openWorkspacePath(path);
            return;
        }
        if (JoinLink.isJoinPath(path)) {
            try {
                JoinLink link = JoinLink.parse(path, location.getHash());
                new JoinView(page, screens).show(link);
            } catch (InvalidJoinLinkException e) {
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
                    if (state.signedIn()) {
                        screens.withSession(state, session -> homeWorkspaces().show(session));
                    }
                });
            }
        }
    }

    /** A workspace's page, or one of its notes in the editor; a person not logged in logs in first, then returns. */
    private void openWorkspacePath(String path) {
        openWorkspacePath(path, null);
    }

    /** @param carriedText a link note's text moved into the new note at {@code path}, or null */
    private void openWorkspacePath(String path, String carriedText) {
        WorkspacePath target;
        try {
            target = WorkspacePath.parse(path);
        } catch (InvalidMessageException e) {
            page.showLinkError("This link does not name a workspace or a note in one.");
            return;
        }
        page.show("loading-view");
        if (target.note() == null) {
            WorkspaceApi.askEarlyForOpening(target.workspace()); // alongside the session check, not after it
        }
        AccountSession.check(state -> screens.withSession(state, session -> {
            BrowserPage.mark("workspaces-ready"); // the session checked, the keys and the contact book open
            if (target.note() == null) {
                new WorkspaceView(page, screens, session).show(target.workspace());
            } else {
                new WorkspaceNoteOpener(page, screens, session, random, state).open(target, carriedText);
            }
        }));
    }

    private HomeWorkspaces homeWorkspaces() {
        if (homeWorkspaces == null) {
            homeWorkspaces = new HomeWorkspaces(page, screens);
        }
        return homeWorkspaces;
    }

    private HomeView home() {
        if (home == null) {
            home = new HomeView(page, random, this::createNote);
        }
        return home;
    }

    /** After a sign-up, login or recovery: the start page, logged in, without loading the app again. */
    private void signedIn(UnlockedAccount account) {
        String returnTo = WorkspaceScreens.takeReturnPath();
        if (returnTo != null) {
            BrowserPage.go(returnTo); // an invite link or a workspace that asked to log in first: back to it
            return;
        }
        History.current().pushState((JSObject) null, "", "/");
        home().show();
        this.account = AccountSession.State.signedIn(account);
        home().showAccount(this.account);
        screens.withSession(this.account, session -> homeWorkspaces().show(session));
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
            linkEditor(link, keys, true, account).open();
            return;
        }
        AccountSession.check(state -> linkEditor(link, keys, createdHere, state).open());
    }

    private EditorView linkEditor(NoteLink link, NoteKeys keys, boolean createdHere, AccountSession.State state) {
        EditorView[] editor = new EditorView[1];
        MoveToWorkspace mover = new MoveToWorkspace(page, screens, state,
                (path, text) -> moveInto(editor[0], path, text));
        editor[0] = new EditorView(page, link, keys, random, createdHere, state).offeringMove(mover);
        return editor[0];
    }

    /**
     * The link note's text was moved to a new workspace note: this page leaves the link note and opens the new one
     * the way its own address would, with the text held in memory only until the note takes it.
     */
    private void moveInto(EditorView linkNote, String path, String text) {
        linkNote.leave();
        HTMLElement used = page.element("editor-view");
        used.getParentNode().replaceChild(pristineEditor.cloneNode(true), used);
        History.current().pushState((JSObject) null, "", path);
        openWorkspacePath(path, text);
    }
}
