package dev.vellum.client.sync;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.SnapshotConfirmation;
import dev.vellum.protocol.relay.AppendRefusal;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.HistoryPages;
import dev.vellum.protocol.relay.InMemoryNoteItemRepository;
import dev.vellum.protocol.relay.JoinHistory;
import dev.vellum.protocol.relay.RelayRules;
import dev.vellum.protocol.relay.StoredItem;
import dev.vellum.protocol.wire.CompactRevisions;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The relay of one note in memory, on the server's own rules: items go to an {@link InMemoryNoteItemRepository},
 * which decides with the same {@code RelayRules} as the server's database store (one contract test holds both), and
 * what clients get is cut into frames by the server's {@link HistoryPages}. A stored item is acknowledged to its
 * sender and relayed to everyone else. Frames queue per client until the test delivers them. Tests can also make it
 * misbehave.
 */
final class FakeRelay {
    /** The storage time of every item: versions show their snapshot's own time, never this one. */
    private static final long STORED_AT_MILLIS = 1_700_000_000_000L;

    record Stored(long revision, NoteItem item) {
    }

    /** How long an unconfirmed snapshot keeps its covered updates: the server's default, a week, unless a test says. */
    private long retentionMillis = RelayRules.DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_MILLIS;
    private InMemoryNoteItemRepository repository = newRepository();
    /** Every item stored, in order: a backup taken at revision N is the first N of them, stored again. */
    private final List<NoteItem> accepted = new ArrayList<>();
    /** The note this relay serves, known from the first item published to it. */
    private NoteId noteId;
    private final List<Client> clients = new ArrayList<>();
    /** When set, the next publish is refused with this code instead of being stored. */
    ErrorCode refuseNext;
    /** When set, every publish is refused with this code, as a server that will never store them. */
    ErrorCode refuseEvery;
    /** For a workspace note: the workspace's current key epoch, items of any other are refused (error 11). */
    Integer currentEpoch;
    /** The next this many publishes are answered "retry after" {@link #busyDelayMillis}, as an overloaded server. */
    int busyPublishes;
    int busyDelayMillis = 200;
    /** Publishes answered "retry after" so far. */
    int retryAfters;
    /** Items published to this relay, stored or not. */
    int publishes;
    /** Every confirmation the relay counted, in order. */
    final List<SnapshotConfirmation> confirmations = new ArrayList<>();
    /** The codes of every refusal sent for a publish or a confirmation, in order. */
    final List<ErrorCode> refusals = new ArrayList<>();
    /** When set, relayed frames are dropped, duplicated and delivered out of order, as a hostile network might. */
    Random chaos;
    /**
     * When set, every client that connects from then on gets relayed revisions compact, as the server sends them to a
     * connection opened with {@code ?compact=1} (not with {@link #chaos}: a WebSocket delivers in order).
     */
    boolean compactRevisions;
    /** Compact revisions sent so far. */
    int compactSent;
    /** Connections opened so far, reconnections included. */
    int joins;
    /** Revisions a hostile server leaves out of every history it sends. */
    final Set<Long> withheld = new HashSet<>();
    /**
     * Revisions n whose item a hostile server swaps with the one after: it serves n+1's item under n and n's under
     * n+1, in histories and live (n is then held back until n+1 is stored).
     */
    final Set<Long> swapped = new HashSet<>();
    /** The live item of a swapped revision, held back until the next one is stored. */
    private StoredItem swapHeld;

    final class Client implements FrameSender {
        final NoteSync sync;
        final Deque<byte[]> inbox = new ArrayDeque<>();
        /** What this connection's reader holds of compact revisions; null if it reads full ones. */
        private CompactRevisions compact;
        /** The client asked for a new connection; as in the browser, it opens once the current frame is handled. */
        private boolean reconnectAsked;

        Client(NoteSync sync) {
            this.sync = sync;
        }

        @Override
        public void send(byte[] frame) {
            receiveFrom(this, frame);
        }

        @Override
        public void reconnect() {
            reconnectAsked = true;
        }

        /** The client closed the socket for good: it hears nothing more, and what it sends is lost. */
        @Override
        public void close() {
            clients.remove(this);
            inbox.clear();
        }

        /** Delivers queued frames until none are left, flushing after each as the browser does. */
        void deliverAll() {
            reconnectIfAsked(); // asked between frames (after a refreshed membership log, say)
            while (!inbox.isEmpty()) {
                sync.onFrame(inbox.poll());
                reconnectIfAsked();
                sync.flush();
            }
        }

        private void reconnectIfAsked() {
            if (reconnectAsked) {
                reconnectAsked = false;
                inbox.clear(); // the old socket's frames are gone with it
                sync.onDisconnected();
                join(this);
            }
        }
    }

    Client connect(NoteSync sync) {
        Client client = new Client(sync);
        clients.add(client);
        join(client);
        return client;
    }

    /** The client (re)connects: it asks for the history after {@link NoteSync#since()}, which waits in its queue. */
    private void join(Client client) {
        joins++;
        NoteSync sync = client.sync;
        long since = sync.since();
        client.compact = compactRevisions ? new CompactRevisions() : null;
        sync.onConnected(client);
        JoinHistory history = noteId == null ? new JoinHistory(null, List.of(), 0)
                : repository.joinHistory(noteId, since);
        List<StoredItem> sent = swap(history.items()).stream()
                .filter(stored -> !withheld.contains(stored.revision()))
                .toList();
        client.inbox.addAll(HistoryPages.join(new JoinHistory(history.base(), sent, history.latestRevision())));
    }

    void disconnect(Client client) {
        clients.remove(client);
        client.sync.onDisconnected();
    }

    /** The server closes a revoked device's socket with code 4401 ("session ended"), as the browser reports it. */
    void endSession(Client client) {
        clients.remove(client);
        client.inbox.clear();
        client.sync.onSessionEnded();
    }

    private List<StoredItem> swap(List<StoredItem> items) {
        List<StoredItem> served = new ArrayList<>(items);
        for (int i = 0; i + 1 < served.size(); i++) {
            StoredItem first = served.get(i);
            StoredItem second = served.get(i + 1);
            if (swapped.contains(first.revision()) && second.revision() == first.revision() + 1) {
                served.set(i, new StoredItem(first.revision(), first.storedAtMillis(), second.item()));
                served.set(i + 1, new StoredItem(second.revision(), second.storedAtMillis(), first.item()));
            }
        }
        return served;
    }

    /** What a hostile server may do: send any item under any number. */
    void inject(Client to, long revision, NoteItem item) {
        to.inbox.add(FrameCodec.encode(new Frame.Revision(revision, item)));
    }

    private void relay(Client to, byte[] frame) {
        if (chaos == null) {
            to.inbox.add(frame);
            return;
        }
        int roll = chaos.nextInt(10);
        if (roll == 0) {
            return; // dropped: the client only gets it back with the history on its next connection
        }
        List<byte[]> queue = new ArrayList<>(to.inbox);
        queue.add(chaos.nextInt(queue.size() + 1), frame); // delayed behind, or overtaking, what waits
        if (roll == 1) {
            queue.add(chaos.nextInt(queue.size() + 1), frame); // and once more
        }
        to.inbox.clear();
        to.inbox.addAll(queue);
    }

    int storedCount() {
        return storedItems().size();
    }

    Stored stored(int index) {
        StoredItem stored = storedItems().get(index);
        return new Stored(stored.revision(), stored.item());
    }

    long latestRevision() {
        return accepted.size();
    }

    private List<StoredItem> storedItems() {
        return noteId == null ? List.of() : repository.stored(noteId);
    }

    /**
     * A server restored from a backup taken when it held {@code revisions} items: later ones are gone, and each
     * author's chain stands where it stood then.
     */
    void restoreBackupOf(int revisions) {
        List<NoteItem> kept = new ArrayList<>(accepted.subList(0, revisions));
        accepted.clear();
        repository = newRepository();
        for (NoteItem item : kept) {
            store(item);
        }
    }

    private InMemoryNoteItemRepository newRepository() {
        return new InMemoryNoteItemRepository(() -> STORED_AT_MILLIS, RelayRules.DEFAULT_MAX_NOTE_BYTES,
                retentionMillis);
    }

    /**
     * Makes this a server whose retention time is 0: a snapshot lets the updates it covers go as soon as it is
     * stored, confirmed or not, as every snapshot did before confirmations (and as one past the retention time does).
     * Call before anything is stored.
     */
    void letCoveredUpdatesGoAtOnce() {
        if (!accepted.isEmpty()) {
            throw new IllegalStateException("the relay already holds items");
        }
        retentionMillis = 0;
        repository = newRepository();
    }

    private AppendResult store(NoteItem item) {
        AppendResult result = repository.append(item);
        if (result instanceof AppendResult.Stored) {
            accepted.add(item);
        }
        return result;
    }

    /** Every item stored, in the order the relay numbered them. */
    List<NoteItem> acceptedItems() {
        return List.copyOf(accepted);
    }

    private void receiveFrom(Client sender, byte[] bytes) {
        if (!clients.contains(sender)) {
            return; // the socket is closed: the frame is lost, as on a real network
        }
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (InvalidMessageException e) {
            throw new AssertionError("client sent a malformed frame", e);
        }
        if (frame instanceof Frame.Presence) {
            for (Client other : clients) {
                if (other != sender) {
                    other.inbox.add(bytes);
                }
            }
            return;
        }
        if (frame instanceof Frame.ConfirmSnapshot confirm) {
            onConfirmSnapshot(sender, confirm.confirmation());
            return;
        }
        if (frame instanceof Frame.HistoryRequest request) {
            List<StoredItem> versions = noteId == null ? List.of()
                    : repository.snapshotsBefore(noteId, request.before(), request.limit());
            sender.inbox.addAll(HistoryPages.versions(versions, request.limit()));
            return;
        }
        Frame.Publish publish = (Frame.Publish) frame;
        publishes++;
        if (busyPublishes > 0) {
            busyPublishes--;
            retryAfters++;
            sender.inbox.add(FrameCodec.encode(new Frame.RetryAfter(Frame.RetryAfter.PUBLISH_TYPE, busyDelayMillis,
                    "busy, says the test")));
            return;
        }
        ErrorCode refusal = refuseNext != null ? refuseNext : refuseEvery;
        if (refusal != null) {
            refusals.add(refusal);
            sender.inbox.add(FrameCodec.encode(new Frame.Error(refusal, "refused by the test")));
            refuseNext = null;
            return;
        }
        NoteItem item = publish.item();
        try {
            if (item.header().workspaceId().equals(dev.vellum.protocol.id.WorkspaceId.LINK_SHARED)) {
                item.verifyForStorage();
            } else {
                item.verifyForWorkspaceStorage(); // membership is the server's to check, not the note-id commitment
            }
        } catch (InvalidSignatureException e) {
            throw new AssertionError("client sent an item the server would refuse", e);
        }
        if (currentEpoch != null && item.header().keyEpoch() != currentEpoch) {
            refusals.add(ErrorCode.UNSUPPORTED_WORKSPACE);
            sender.inbox.add(FrameCodec.encode(new Frame.Error(ErrorCode.UNSUPPORTED_WORKSPACE, "not the current epoch")));
            return;
        }
        if (noteId == null) {
            noteId = item.header().documentId();
        } else if (!noteId.equals(item.header().documentId())) {
            throw new AssertionError("client published an item of another note");
        }
        AppendResult result = store(item);
        if (!(result instanceof AppendResult.Stored stored)) {
            Frame.Error error = AppendRefusal.frameFor(result);
            refusals.add(error.code());
            sender.inbox.add(FrameCodec.encode(error));
            return;
        }
        sender.inbox.add(FrameCodec.encode(new Frame.Accepted(stored.revision())));
        if (swapped.contains(stored.revision())) {
            swapHeld = new StoredItem(stored.revision(), STORED_AT_MILLIS, item);
            return;
        }
        if (swapHeld != null && swapHeld.revision() == stored.revision() - 1) {
            relayToOthers(sender, swapHeld.revision(), item);
            relayToOthers(sender, stored.revision(), swapHeld.item());
            swapHeld = null;
            return;
        }
        relayToOthers(sender, stored.revision(), item);
    }

    /** As the server: counted only if {@link RelayRules#confirmationRefusal} finds nothing, else refused. */
    private void onConfirmSnapshot(Client sender, SnapshotConfirmation confirmation) {
        StoredItem snapshot = noteId == null ? null : repository.snapshotAt(noteId, confirmation.revision());
        String refusal = RelayRules.confirmationRefusal(noteId, snapshot, confirmation);
        if (refusal != null) {
            refusals.add(ErrorCode.CONFIRMATION_REFUSED);
            sender.inbox.add(FrameCodec.encode(new Frame.Error(ErrorCode.CONFIRMATION_REFUSED, refusal)));
            return;
        }
        confirmations.add(confirmation);
        repository.confirm(noteId, confirmation.revision());
    }

    private void relayToOthers(Client sender, long revision, NoteItem item) {
        for (Client other : clients) {
            if (other != sender && other.compact != null && chaos == null) {
                compactSent++;
                other.inbox.add(other.compact.encode(revision, item));
            } else if (other != sender) {
                relay(other, FrameCodec.encode(new Frame.Revision(revision, item)));
            }
        }
    }
}
