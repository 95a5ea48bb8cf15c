package dev.vellum.client.ui;

import dev.vellum.client.account.AccountSession;
import dev.vellum.client.account.SignedInDevice;
import dev.vellum.client.comment.CommentThread;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.jso.BrowserSyncClock;
import dev.vellum.client.jso.LocalNoteStore;
import dev.vellum.client.jso.NoteTabLock;
import dev.vellum.client.keys.NoteLink;
import dev.vellum.client.net.NoteConnection;
import dev.vellum.client.sync.HistoryVersion;
import dev.vellum.client.sync.LocalCopyStore;
import dev.vellum.client.sync.NoteSync;
import dev.vellum.client.sync.NoteView;
import dev.vellum.client.sync.PeerCursor;
import dev.vellum.client.sync.SyncStatus;
import dev.vellum.client.sync.SyncWarning;
import dev.vellum.client.sync.Writer;
import dev.vellum.client.workspace.WorkspaceNote;
import dev.vellum.crypto.aead.browser.BrowserXChaCha20Poly1305;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The note editor: a plain textarea with others' carets over it, a Markdown preview beside it, the comments panel
 * ({@link CommentsPanel}), the sync status, warnings about the history, the list of earlier versions, and the note's
 * share link.
 *
 * <p>A person logged in in this browser whose keys cannot be opened now (the server could not be reached to unlock
 * them, it says their session ended, or this browser no longer holds them) never writes anonymously instead: the
 * note opens without connecting, from the copy this browser keeps, and what they type is kept there as ops (they
 * are sealed and signed only when sent). The page says so, asks the session again when the network returns (and
 * every few seconds), and once the keys open it keeps the copy and reloads, which opens the note as the person's
 * device and sends the kept edits signed by it.
 */
final class EditorView implements NoteView {
    private final Page page;
    /** The link of a note shared by link, or null for a workspace note. */
    private final NoteLink link;
    private final NoteKeys keys;
    private final NoteId noteId;
    /** A note of a workspace, whose keys come from its epoch keys, or null for a link note. */
    private final WorkspaceNote workspaceNote;
    private final RandomSource random;
    private final boolean createdHere;
    /** How often a page waiting for the person's keys asks the session again (also whenever the network returns). */
    private static final int UNLOCK_RETRY_MILLIS = 5_000;
    /** The local copy is sealed straight into the JavaScript array IndexedDB keeps, and opened from it. */
    private static final BrowserXChaCha20Poly1305 KEPT_COPIES = new BrowserXChaCha20Poly1305();

    /** The logged-in person this tab writes as, or null: anonymous, with a key of this visit, or waiting. */
    private final SignedInDevice device;
    /**
     * Someone logged in here whose keys cannot be opened now, or null: this tab then neither connects nor writes
     * under any key, and keeps their edits in this browser until the keys open.
     */
    private AccountSession.State waitingFor;
    /** Asking the session again is under way; and the keys opened, so the page is about to reload as the person. */
    private boolean checkingSession;
    private boolean reopening;
    private final HTMLTextAreaElement editor;
    private final HTMLElement status;
    private final HTMLElement alert;
    private final PreviewPane preview;
    private final HistoryPanel history;
    private final CommentsPanel comments;
    private final Set<String> warningsShown = new HashSet<>();
    /** The list entry of each warning on the page, by its message, so one can be taken back. */
    private final Map<String, HTMLElement> warningItems = new HashMap<>();
    private NoteSync sync;
    private NoteConnection connection;
    /** This tab has started editing the note; and whether another tab has since taken it over. */
    private boolean started;
    private boolean stopped;
    private List<PeerCursor> lastPeers = List.of();
    /** Counts writes of the local copy, so only the latest one's completion says the copy is current. */
    private int localCopyWrites;
    /** Text moved here from a link note, put in as this person's edit once the note has loaded; or null. */
    private String carriedText;

    /**
     * @param createdHere this tab made the note a moment ago, so it is empty everywhere and editable at once, before
     *                    the server has even answered
     * @param session who is logged in in this browser: a signed-in person's device signs what they write here;
     *                nobody writes anonymously; a person whose keys cannot be opened now waits, without writing
     */
    EditorView(Page page, NoteLink link, NoteKeys keys, RandomSource random, boolean createdHere,
               AccountSession.State session) {
        this(page, link, keys, link.noteId(), null, random, createdHere,
                session.signedIn() ? session.account().signedInDevice() : null,
                session.keysUnavailable() ? session : null);
    }

    /**
     * A note of a workspace, for a logged-in member (the workspace pages open only for them): written as their
     * device, read-only for a viewer, never shared by link.
     */
    EditorView(Page page, WorkspaceNote note, RandomSource random, AccountSession.State session) {
        this(page, null, null, note.noteId(), note, random, false, session.account().signedInDevice(), null);
    }

    private EditorView(Page page, NoteLink link, NoteKeys keys, NoteId noteId, WorkspaceNote workspaceNote,
                       RandomSource random, boolean createdHere, SignedInDevice device,
                       AccountSession.State waitingFor) {
        this.page = page;
        this.link = link;
        this.keys = keys;
        this.noteId = noteId;
        this.workspaceNote = workspaceNote;
        this.random = random;
        this.createdHere = createdHere;
        this.device = device;
        this.waitingFor = waitingFor;
        this.editor = page.element("note");
        this.status = page.element("sync-status");
        this.alert = page.element("alert");
        this.preview = new PreviewPane(page, editor, this::afterLocalEdit);
        this.history = new HistoryPanel(page);
        this.comments = new CommentsPanel(page, editor, preview);
    }

    /**
     * Puts {@code text} (a link note's, moved into this new workspace note) into the note as this person's edit once
     * it has loaded, the way an earlier version is restored, and says where it came from.
     */
    EditorView carrying(String text) {
        this.carriedText = text;
        return this;
    }

    /** Offers "Move to workspace" in a link note's editor (the mover shows it only to a logged-in person). */
    EditorView offeringMove(MoveToWorkspace mover) {
        if (link != null && waitingFor == null) {
            mover.offer(editor::getValue);
        }
        return this;
    }

    /**
     * This page leaves the note for another one (its text moved to a workspace): it stops syncing and keeping the
     * copy here, so nothing the next note shows or types reaches this one.
     */
    void leave() {
        stopped = true;
        if (connection != null) {
            connection.stop();
        }
    }

    void open() {
        String noteId = this.noteId.toString();
        NoteTabLock.acquire(noteId, false, () -> start(keys), () -> {
            page.show("note-busy-view");
            page.element("note-take-over").addEventListener("click", event ->
                    NoteTabLock.acquire(noteId, true, () -> start(keys), () -> { }, this::stopEditingHere));
        }, this::stopEditingHere);
    }

    /** Another tab of this browser took the note over: this one stops, so only one keeps its offline copy. */
    private void stopEditingHere() {
        stopped = true;
        if (connection != null) {
            connection.stop();
        }
        if (sync != null) {
            setEditable(false);
        }
        showStatus(SyncStatus.ELSEWHERE, "This note is now open in another tab of this browser, so this tab "
                + "stopped editing it (two tabs would overwrite each other's offline copy). Reload to use it here.");
    }

    private void start(NoteKeys keys) {
        if (started || stopped) {
            return; // a second click on "Use it here", or the note was taken over before it got this far
        }
        started = true;
        page.show("editor-view");
        if (workspaceNote != null) {
            startWorkspaceNote();
        } else {
            Writer writer = writer(keys);
            showWhoIsWriting(writer);
            sync = new NoteSync(writer, this, ReplicaId.of(random.randomBytes(16)), new BrowserSyncClock(),
                    LocalCopyStore.of(KEPT_COPIES, this::keepLocalCopy));
            if (createdHere) {
                sync.startEmpty();
            }
            wireShareLink();
        }
        editor.addEventListener("input", event -> afterLocalEdit());
        preview.wire();
        history.wire(sync, () -> !stopped && !editor.isReadOnly());
        comments.wire(sync);
        warnBeforeLeavingWithUnsavedChanges();
        wirePresence();
        // What this browser kept of the note comes first, so offline edits from an earlier visit show at once.
        LocalNoteStore.load(noteId.toString(), kept -> {
            if (stopped) {
                return; // taken over while loading: the other tab has the note now
            }
            if (kept != null) {
                sync.restoreLocalState(kept, KEPT_COPIES);
            }
            if (waitingFor != null) {
                waitForTheKeys();
                return;
            }
            connection = new NoteConnection(() -> NoteSocketAddress.of(noteId, sync.since()), sync, device != null);
            connection.onRemoved(this::removedFromWorkspace);
            connection.connect();
        });
    }

    /**
     * A workspace note: its sync checks every item's author against the workspace's log and seals under its epoch
     * key; there is no share link (members open it from the workspace), and a viewer reads only.
     */
    private void startWorkspaceNote() {
        String username = device.username().value();
        sync = workspaceNote.startSync(device, this, ReplicaId.of(random.randomBytes(16)), new BrowserSyncClock(),
                LocalCopyStore.of(KEPT_COPIES, this::keepLocalCopy), PeerNames.colorOf(username));
        HTMLElement writingAs = page.element("writing-as");
        writingAs.setInnerText(workspaceNote.readOnly() ? "Reading as " + username : "Writing as " + username);
        page.element("share-controls").setHidden(true);
        page.element("note-footnote").setInnerText("Only the members of this workspace can read this note. The "
                + "server sees only encrypted data.");
        if (workspaceNote.readOnly()) {
            HTMLElement notice = page.element("read-only-notice");
            notice.setInnerText(workspaceNote.lacksCurrentKey()
                    ? "This browser does not hold this workspace's current key, so it cannot write here: you can "
                            + "read this note but not change it. Reload later, or ask an owner."
                    : "You are a viewer in this workspace: you can read this note but not change it. "
                            + "An owner of the workspace can make you an editor.");
            notice.setHidden(false);
            editor.setPlaceholder("");
        }
    }

    /** The server closed the note's socket because this person was removed from the workspace. */
    private void removedFromWorkspace() {
        stopped = true;
        setEditable(false);
        page.element("writing-as").setInnerText("");
        ((HTMLInputElement) page.element("note-title")).setReadOnly(true);
        status.setInnerText("Closed");
        status.setAttribute("data-state", "refused");
        showAlert(true, "You are no longer a member of this workspace, so this note is closed. What you see is "
                + "what it held when you were removed; nothing written from now on reaches you.");
    }

    /**
     * Who signs what this tab writes. A logged-in person: their registered device key, the same on every visit, with
     * its certificate, so their chain in the note goes on and others see their username (one tab per note, see
     * {@link NoteTabLock}, keeps two tabs from forking it). Anyone else: a key made for this visit and a random name.
     */
    private Writer writer(NoteKeys keys) {
        if (waitingFor != null) {
            // Only to keep the local copy, which is sealed under the note's local-copy key, not the author's: this
            // tab never connects, so nothing is ever signed with this key; the page reloads as the person instead.
            String username = waitingFor.username();
            return Writer.anonymous(new NoteItemCipher(keys, IdentityKeyPair.generate(random), random), username,
                    PeerNames.colorOf(username));
        }
        if (device != null) {
            return Writer.device(new NoteItemCipher(keys, device.device(), device.certificate(), random),
                    PeerNames.colorOf(device.username().value()));
        }
        return Writer.anonymous(new NoteItemCipher(keys, IdentityKeyPair.generate(random), random),
                PeerNames.randomName(random), PeerNames.randomColor(random));
    }

    /** Says in the toolbar as whom this tab writes, as others will see it. */
    private void showWhoIsWriting(Writer writer) {
        HTMLElement writingAs = page.element("writing-as");
        if (waitingFor != null) {
            writingAs.setInnerText("Writing as " + waitingFor.username() + " once your account is unlocked");
            writingAs.setClassName("writing-as");
        } else if (writer.hasAccount()) {
            writingAs.setInnerText("Writing as " + writer.chosenName());
            writingAs.setClassName("writing-as");
        } else {
            writingAs.setInnerText("Writing as " + writer.chosenName() + " (no account)");
            writingAs.setClassName("writing-as " + PeerNames.ANONYMOUS_CLASS);
        }
    }

    /** After the person's edit (typed, or a ticked checkbox): tell sync, which sends and keeps it; re-render. */
    private void afterLocalEdit() {
        editor.setAttribute("data-local-copy", "pending");
        sync.onLocalEdit(editor.getValue(), editor.getSelectionStart(), editor.getSelectionEnd());
        preview.render();
    }

    private void wireShareLink() {
        Location location = Window.current().getLocation();
        String shareUrl = location.getProtocol() + "//" + location.getHost() + link.pathWithKey();
        HTMLInputElement shareInput = page.element("share-link");
        shareInput.setValue(shareUrl);
        page.element("copy-link").addEventListener("click", event -> {
            copyToClipboard(shareUrl);
            showAlert(false, "Link copied. Anyone with this link can read and edit the note.");
        });
    }

    /** Caret moves go to sync, which tells the others (paced) where this person is. */
    private void wirePresence() {
        HTMLDocument.current().addEventListener("selectionchange", event -> {
            if (HTMLDocument.current().getActiveElement() == editor) {
                sync.onSelectionChange(editor.getSelectionStart(), editor.getSelectionEnd());
            }
        });
        editor.addEventListener("scroll", event -> showPresence(lastPeers));
    }

    /**
     * Writes the sealed local copy to IndexedDB, unless another tab took the note over (it keeps the copy now). The
     * editor's {@code data-local-copy} says "kept" once the latest write completed with no edit since, so tests and
     * tools can wait for it instead of sleeping.
     */
    private void keepLocalCopy(Int8Array sealed) {
        if (stopped) {
            return;
        }
        int write = ++localCopyWrites;
        editor.setAttribute("data-local-copy", "saving");
        LocalNoteStore.save(noteId.toString(), sealed, () -> {
            if (write == localCopyWrites && "saving".equals(editor.getAttribute("data-local-copy"))) {
                editor.setAttribute("data-local-copy", "kept");
            }
        });
    }

    /**
     * The person's keys cannot be opened now: the page says why, shows the kept copy offline (still editable, kept
     * in this browser), and asks the session again whenever the network returns and every few seconds.
     */
    private void waitForTheKeys() {
        sync.onDisconnected(); // never connected: the status says offline, and counts the changes kept here
        showAccountLocked();
        Window.current().addEventListener("online", event -> retryUnlocking());
        Window.setInterval(this::retryUnlocking, UNLOCK_RETRY_MILLIS);
    }

    private void showAccountLocked() {
        String username = waitingFor.username();
        HTMLElement locked = page.element("account-locked");
        if (waitingFor.standing() == AccountSession.Standing.LOCKED) {
            locked.setInnerText("You are logged in as " + username + ", but this browser no longer holds your keys. "
                    + "Nothing is sent from this page: what you type is kept in this browser, and sent as "
                    + username + " once you log in again (or log out on the home page to write without an "
                    + "account).");
        } else if (waitingFor.standing() == AccountSession.Standing.SESSION_ENDED) {
            locked.setInnerText("Your session as " + username + " ended (this device was revoked, or the session "
                    + "went unused too long). Nothing is sent from this page: what you type is kept in this browser, "
                    + "and sent as " + username + " once you log in again.");
        } else {
            locked.setInnerText("You are logged in as " + username + ", but this page cannot unlock your account "
                    + "while offline. Nothing is sent until it can: what you type is kept in this browser, and sent "
                    + "as " + username + " once the connection returns.");
        }
        locked.setAttribute("data-standing", waitingFor.standing().name().toLowerCase());
        locked.setHidden(false);
    }

    private void retryUnlocking() {
        if (stopped || reopening || checkingSession) {
            return;
        }
        checkingSession = true;
        AccountSession.check(state -> {
            checkingSession = false;
            if (stopped || reopening) {
                return;
            }
            if (state.signedIn() && state.username().equals(waitingFor.username())) {
                reopenAsThePerson();
            } else if (state.keysUnavailable()) {
                waitingFor = state; // offline may have become "session ended", or the other way round
                showAccountLocked();
            }
            // Anyone else (logged out, another person): keep waiting; nothing of theirs is sent under another key.
        });
    }

    /** The keys open again: keep the copy with every edit made meanwhile, then open the note as the person. */
    private void reopenAsThePerson() {
        reopening = true;
        Runnable reload = () -> Window.current().getLocation().reload();
        if (!sync.hasUnsavedChanges()) {
            reload.run();
            return;
        }
        LocalNoteStore.save(noteId.toString(), sync.exportLocalState(KEPT_COPIES), reload::run);
    }

    private void warnBeforeLeavingWithUnsavedChanges() {
        Window.current().addEventListener("beforeunload", event -> {
            if (!stopped && !reopening && sync.hasUnsavedChanges()) {
                event.preventDefault();
            }
        });
    }

    @Override
    public void replaceText(String text, int start, int end) {
        editor.setValue(text);
        if (HTMLDocument.current().getActiveElement() == editor) {
            editor.setSelectionRange(start, end);
        }
        // Setting the value fires no event; this one lets tests (and assistive scripts) see remote changes land.
        dispatchRemoteChange(editor);
        preview.render();
    }

    @JSBody(params = "element", script = "element.dispatchEvent(new Event('vellum-remote-change'));")
    private static native void dispatchRemoteChange(HTMLTextAreaElement element);

    @Override
    public void showPresence(List<PeerCursor> peers) {
        lastPeers = peers;
        HTMLElement list = page.element("people");
        HTMLElement layer = page.element("peer-layer");
        HTMLElement mirror = page.element("note-mirror");
        clear(list);
        clear(layer);
        for (PeerCursor peer : peers) {
            String name = peer.person().label();
            String nameClass = peer.person().hasAccount() ? "" : " " + PeerNames.ANONYMOUS_CLASS;
            HTMLElement item = HTMLDocument.current().createElement("li");
            item.setClassName("peer-" + peer.color() + nameClass);
            item.setInnerText(name);
            list.appendChild(item);
            HTMLElement caret = HTMLDocument.current().createElement("div");
            caret.setClassName("peer-caret peer-" + peer.color());
            HTMLElement label = HTMLDocument.current().createElement("span");
            label.setClassName("peer-name" + nameClass);
            label.setInnerText(name);
            caret.appendChild(label);
            layer.appendChild(caret);
            placeCaret(editor, mirror, caret, Math.min(peer.end(), editor.getValue().length()));
        }
    }

    /**
     * Puts a peer's caret over the textarea: a hidden mirror with the textarea's metrics lays out the text up to
     * the caret, and a marker at its end gives the coordinates (there is no API for a textarea's caret position).
     */
    @JSBody(params = {"textarea", "mirror", "caret", "position"}, script = ""
            + "const style = getComputedStyle(textarea);"
            + "for (const p of ['fontFamily','fontSize','fontWeight','lineHeight','letterSpacing','paddingTop',"
            + "  'paddingRight','paddingBottom','paddingLeft','borderTopWidth','borderLeftWidth','borderRightWidth',"
            + "  'borderStyle','boxSizing','tabSize']) { mirror.style[p] = style[p]; }"
            + "mirror.style.width = textarea.clientWidth + parseFloat(style.borderLeftWidth)"
            + "  + parseFloat(style.borderRightWidth) + 'px';"
            + "mirror.textContent = textarea.value.substring(0, position);"
            + "const marker = document.createElement('span'); marker.textContent = '\u200b'; mirror.appendChild(marker);"
            + "caret.style.left = marker.offsetLeft + 'px';"
            + "caret.style.top = (marker.offsetTop - textarea.scrollTop) + 'px';"
            + "caret.style.height = marker.offsetHeight + 'px';")
    private static native void placeCaret(HTMLTextAreaElement textarea, HTMLElement mirror, HTMLElement caret,
                                          int position);

    @JSBody(params = "element", script = "element.replaceChildren();")
    private static native void clear(HTMLElement element);

    @Override
    public void setEditable(boolean editable) {
        if (workspaceNote != null && workspaceNote.readOnly()) {
            editable = false; // a viewer's editor never takes input, whatever sync says
            revealEditor();
        }
        editor.setReadOnly(!editable);
        comments.permissionsChanged();
        if (editable) {
            revealEditor();
            // Typing can start in the note at once, unless the person is typing elsewhere already: moving the focus
            // then sent the rest of what they typed (a new note's title, typed while the note opened) into the text.
            if (!typingElsewhere()) {
                editor.focus();
            }
            if (carriedText != null) {
                String text = carriedText;
                carriedText = null;
                // After sync has finished marking the note loaded, so this edit's status is not overwritten.
                Window.setTimeout(() -> {
                    sync.restoreVersion(text);
                    showAlert(false, "This text was copied here from a note shared by link, and that link still "
                            + "opens the old copy for anyone who holds it.");
                }, 0);
            }
        }
    }

    /** Whether the focus is in another field than the note (a button that was just pressed does not count). */
    private boolean typingElsewhere() {
        HTMLElement focused = HTMLDocument.current().getActiveElement();
        if (focused == null || focused == editor) {
            return false;
        }
        String tag = focused.getTagName();
        return "INPUT".equalsIgnoreCase(tag) || "TEXTAREA".equalsIgnoreCase(tag);
    }

    /**
     * Replaces "Opening the note…" with the text area. Until then the area is not in the page at all: a visible but
     * read-only one silently swallowed the first keys of anyone who typed the moment it appeared.
     */
    private void revealEditor() {
        page.element("note-opening").setHidden(true);
        editor.setHidden(false);
    }

    @Override
    public void showStatus(SyncStatus syncStatus, String detail) {
        boolean problem = syncStatus == SyncStatus.UNREADABLE || syncStatus == SyncStatus.REFUSED
                || syncStatus == SyncStatus.ELSEWHERE || syncStatus == SyncStatus.SESSION_ENDED;
        status.setInnerText(problem || detail.isEmpty() ? syncStatus.label() : syncStatus.label() + " · " + detail);
        status.setAttribute("data-state", syncStatus.name().toLowerCase());
        if (syncStatus == SyncStatus.UNREADABLE) {
            // Nothing to share or type into: offering either would only spread the broken link.
            page.element("share-controls").setHidden(true);
            editor.setPlaceholder("");
        }
        if (problem) {
            revealEditor(); // read-only, beside the alert that says why
            showAlert(true, syncStatus.label() + ". " + detail);
        } else if ("true".equals(alert.getAttribute("data-problem"))) {
            alert.setHidden(true);
        }
    }

    @Override
    public void showWarning(SyncWarning warning) {
        if (!warningsShown.add(warning.message())) {
            return; // said once is enough; a server repeating itself should not flood the page
        }
        HTMLElement list = page.element("warnings");
        HTMLElement item = HTMLDocument.current().createElement("li");
        item.setAttribute("data-kind", warning.kind().name().toLowerCase());
        HTMLElement text = HTMLDocument.current().createElement("span");
        text.setTextContent(warning.message());
        HTMLElement dismiss = HTMLDocument.current().createElement("button");
        dismiss.setAttribute("type", "button");
        dismiss.setAttribute("aria-label", "Dismiss this warning");
        dismiss.setTextContent("Dismiss");
        dismiss.addEventListener("click", event -> list.removeChild(item));
        item.appendChild(text);
        item.appendChild(dismiss);
        list.appendChild(item);
        warningItems.put(warning.message(), item);
    }

    @Override
    public void withdrawWarning(SyncWarning warning) {
        HTMLElement item = warningItems.remove(warning.message());
        warningsShown.remove(warning.message()); // it may be said again, should it become true again
        if (item != null && item.getParentNode() != null) {
            item.getParentNode().removeChild(item);
        }
    }

    @Override
    public void showComments(List<CommentThread> threads, int openCount) {
        comments.show(threads, openCount);
    }

    @Override
    public void showHistory(List<HistoryVersion> versions, boolean more) {
        history.show(versions, more);
    }

    private void showAlert(boolean problem, String message) {
        alert.setInnerText(message);
        alert.setAttribute("data-problem", problem ? "true" : "false");
        alert.setHidden(false);
    }

    @JSBody(params = "text", script = "if (navigator.clipboard) { navigator.clipboard.writeText(text); }")
    private static native void copyToClipboard(String text);
}
