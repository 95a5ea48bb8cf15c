package dev.vellum.client.sync;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.people.PersonName;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.seal.OpenedPresence;
import dev.vellum.protocol.seal.PresenceFreshness;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who else is in the note and where their carets are, as y-protocols' awareness: this person's state goes out on
 * every caret move (at most every {@link SyncTunables#presenceIntervalMillis()}) and as a heartbeat every
 * {@link SyncTunables#PRESENCE_HEARTBEAT_MILLIS}; others are forgotten {@link SyncTunables#PRESENCE_TIMEOUT_MILLIS}
 * after they were last heard. Presence is sealed with the note's presence key and signed by this tab's author key
 * and the note's write key, with a counter and the send time inside ({@code SignedPresence}); it is never stored.
 * One that does not open or verify, repeats or goes back on its author's counter, or was sent more than the timeout
 * (and an allowance for clocks) before this reader's clock, or more than the allowance after it, is dropped: never
 * shown and never warned about, since a flood of warnings would only be noise. A logged-in person's presence carries
 * their device certificate: a presence whose certificate does not verify or certifies another key than the one that
 * signed it is dropped; otherwise readers show the username, as proven once its account is vouched for and as a
 * claim until then ({@link Credentials}). An anonymous person is shown by the name they chose, marked as such.
 */
final class Presence {
    private final SyncState state;
    private final EditorMirror editor;
    /**
     * Reads the others' statements of where the note stands ({@link LatestPosition}, at the end of each presence
     * message), and makes this tab's.
     */
    private final PositionWatch positions;
    private final SyncClock clock;
    /** This person's device certificate as sent with every presence, or null for an anonymous visitor. */
    private final byte[] credential;
    private final Throttle moves;
    /** Other people's last presence, by tab, and when it arrived. */
    private final Map<ReplicaId, PresenceMessage> peers = new LinkedHashMap<>();
    /** Each one's device certificate, checked against the key that signed their presence; absent if anonymous. */
    private final Map<ReplicaId, DeviceCertificate> credentials = new HashMap<>();
    private final Map<ReplicaId, Long> seenAt = new HashMap<>();
    private final PresenceFreshness freshness = new PresenceFreshness(SyncTunables.PRESENCE_TIMEOUT_MILLIS);
    private PresenceMessage lastSent;
    /** The next send goes out even if the caret has not moved: the others must hear this person is still here. */
    private boolean heartbeatDue;
    private long intervalMillis = SyncTunables.defaults().presenceIntervalMillis();
    private SyncClock.Cancellable expiry;

    Presence(SyncState state, EditorMirror editor, SyncClock clock) {
        this.state = state;
        this.editor = editor;
        this.positions = new PositionWatch(state, clock);
        this.clock = clock;
        this.credential = state.writer.hasAccount() ? state.writer.credential().encode() : null;
        this.moves = new Throttle(clock, () -> intervalMillis, this::send);
        clock.schedule(SyncTunables.PRESENCE_HEARTBEAT_MILLIS, this::heartbeat);
    }

    /** What this reader learns from the others' statements of where the note stands. */
    PositionWatch positions() {
        return positions;
    }

    void setIntervalMillis(long millis) {
        intervalMillis = millis;
    }

    /** The person's selection moved: the others hear of it now, or when the interval is up. */
    void onMoved() {
        moves.request();
    }

    /**
     * Re-sends this person's presence even if it has not moved (paced like a move, so heartbeats and moves together
     * stay within the interval), and forgets people not heard from lately.
     */
    private void heartbeat() {
        heartbeatDue = true;
        moves.request();
        show();
        clock.schedule(SyncTunables.PRESENCE_HEARTBEAT_MILLIS, this::heartbeat);
    }

    /** Tells the others where the selection is, as the characters it follows, so it stays put while they type. */
    private boolean send() {
        boolean evenIfUnmoved = heartbeatDue;
        heartbeatDue = false;
        if (state.connection == null || !state.writable()) {
            return false;
        }
        PresenceMessage message = new PresenceMessage(state.replica, state.writer.chosenName(),
                state.writer.color(), state.doc.charBefore(editor.selectionStart()),
                state.doc.charBefore(editor.selectionEnd()), credential, positions.own());
        // Others' edits move the caret's position but not the characters it follows: nothing to tell them then.
        if (!evenIfUnmoved && message.equals(lastSent)) {
            return false;
        }
        lastSent = message;
        state.connection.send(FrameCodec.encode(new Frame.Presence(
                state.cipher.sealPresence(message.encode(), clock.nowMillis()))));
        return true;
    }

    void onFrame(Frame.Presence presence) {
        PresenceMessage message;
        DeviceCertificate credential;
        OpenedPresence opened;
        try {
            opened = state.cipher.openPresence(presence.sealed());
            if (!freshness.accept(opened, clock.nowMillis())) {
                return; // a replay, a departed person's, or dated far ahead: never shown
            }
            message = PresenceMessage.decode(opened.message());
            // A username only from a certificate that verifies and vouches for the very key that signed this.
            credential = state.credentials.senderOf(message.credential(), opened.author());
        } catch (InvalidMessageException | InvalidSignatureException | AuthenticationFailedException e) {
            return; // ephemeral: a bad one (a forged or borrowed certificate too) is dropped, never shown or warned
        }
        if (message.replica().equals(state.replica)) {
            return;
        }
        if (!peers.containsKey(message.replica())) {
            // Someone new: they cannot know this person is here until the next heartbeat, up to 10 s away, so answer
            // now. Paced like any send, so a crowd arriving (or keys minted by a link holder) costs one per interval.
            heartbeatDue = true;
            moves.request();
        }
        peers.put(message.replica(), message);
        if (credential == null) {
            credentials.remove(message.replica());
        } else {
            credentials.put(message.replica(), credential);
        }
        seenAt.put(message.replica(), clock.nowMillis());
        show();
        if (message.position() != null) {
            // Named in its warnings as everywhere else: by a username only once its account is vouched for.
            positions.onStatement(opened.author(), state.credentials.nameOf(credential, message.name()).label(),
                    message.position());
        }
    }

    /** Shows the others' carets where their characters are now, after forgetting those who left. */
    void show() {
        long now = clock.nowMillis();
        peers.keySet().removeIf(id -> now - seenAt.get(id) > SyncTunables.PRESENCE_TIMEOUT_MILLIS);
        seenAt.keySet().retainAll(peers.keySet());
        credentials.keySet().retainAll(peers.keySet());
        List<PeerCursor> cursors = new ArrayList<>();
        for (Map.Entry<ReplicaId, PresenceMessage> entry : peers.entrySet()) {
            PresenceMessage peer = entry.getValue();
            int anchor = state.doc.positionAfter(peer.anchor());
            int focus = state.doc.positionAfter(peer.focus());
            // Named afresh each time: an item of theirs may have arrived since, vouching for their account.
            PersonName name = state.credentials.nameOf(credentials.get(entry.getKey()), peer.name());
            cursors.add(new PeerCursor(name, peer.color(), Math.min(anchor, focus), Math.max(anchor, focus)));
        }
        state.view.showPresence(cursors);
        scheduleExpiry(now);
    }

    /** Shows the list again when the person heard from longest ago times out, so a silent peer's caret goes. */
    private void scheduleExpiry(long now) {
        if (expiry != null || seenAt.isEmpty()) {
            return;
        }
        long oldest = seenAt.values().stream().mapToLong(Long::longValue).min().getAsLong();
        expiry = clock.schedule(Math.max(1, oldest + SyncTunables.PRESENCE_TIMEOUT_MILLIS + 1 - now), () -> {
            expiry = null;
            show();
        });
    }
}
