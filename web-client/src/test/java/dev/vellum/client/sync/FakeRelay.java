package dev.vellum.client.sync;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The server's rules in memory (see docs/protocol.md, "Note item, version 2"): an item is stored if it continues its
 * author's chain, numbered, acknowledged to its sender and relayed to everyone else; a snapshot lets the updates it
 * covers go; joining sends the widest snapshot if it covers more than the client has, the items after, then
 * "caught up". Frames queue per client until the test delivers them. Tests can also make it misbehave.
 */
final class FakeRelay {
    record Stored(long revision, NoteItem item) {
    }

    private final List<Stored> stored = new ArrayList<>();
    private final Map<IdentityKeyId, Stored> chainHeads = new HashMap<>();
    private final List<Client> clients = new ArrayList<>();
    private long latestRevision;
    /** When set, the next publish is refused with this code instead of being stored. */
    ErrorCode refuseNext;
    /** When set, relayed frames are dropped, duplicated and delivered out of order, as a hostile network might. */
    Random chaos;
    /** Revisions a hostile server leaves out of every history it sends. */
    final Set<Long> withheld = new HashSet<>();

    final class Client implements FrameSender {
        final NoteSync sync;
        final Deque<byte[]> inbox = new ArrayDeque<>();

        Client(NoteSync sync) {
            this.sync = sync;
        }

        @Override
        public void send(byte[] frame) {
            receiveFrom(this, frame);
        }

        /** Delivers queued frames until none are left, flushing after each as the browser does. */
        void deliverAll() {
            while (!inbox.isEmpty()) {
                sync.onFrame(inbox.poll());
                sync.flush();
            }
        }
    }

    Client connect(NoteSync sync) {
        Client client = new Client(sync);
        clients.add(client);
        long since = sync.since();
        sync.onConnected(client);
        Stored base = null;
        for (Stored entry : stored) {
            if (entry.item().kind() == NoteItemKind.SNAPSHOT
                    && (base == null || entry.item().covers() >= base.item().covers())) {
                base = entry;
            }
        }
        long after = since;
        if (base != null && base.item().covers() > since) {
            client.inbox.add(FrameCodec.encode(new Frame.Snapshot(base.revision(), base.item())));
            after = base.item().covers();
        } else {
            base = null; // not sent first: it comes in its turn, if after what the client has
        }
        for (Stored entry : stored) {
            if (entry.revision() > after && entry != base && !withheld.contains(entry.revision())) {
                client.inbox.add(FrameCodec.encode(new Frame.Revision(entry.revision(), entry.item())));
            }
        }
        client.inbox.add(FrameCodec.encode(new Frame.CaughtUp(latestRevision)));
        return client;
    }

    void disconnect(Client client) {
        clients.remove(client);
        client.sync.onDisconnected();
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
        return stored.size();
    }

    Stored stored(int index) {
        return stored.get(index);
    }

    long latestRevision() {
        return latestRevision;
    }

    /** A server restored from a backup taken when it held {@code revisions} items: later ones are gone. */
    void restoreBackupOf(int revisions) {
        stored.removeIf(entry -> entry.revision() > revisions);
        latestRevision = revisions;
        chainHeads.clear();
        for (Stored entry : stored) {
            chainHeads.put(entry.item().header().authorKeyId(), entry);
        }
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
        if (frame instanceof Frame.HistoryRequest request) {
            List<Stored> snapshots = new ArrayList<>();
            for (Stored entry : stored) {
                if (entry.item().kind() == NoteItemKind.SNAPSHOT && entry.revision() < request.before()) {
                    snapshots.add(0, entry);
                }
            }
            for (Stored entry : snapshots.subList(0, Math.min(request.limit(), snapshots.size()))) {
                sender.inbox.add(FrameCodec.encode(new Frame.HistoryEntry(entry.revision(), 1_700_000_000_000L,
                        entry.item())));
            }
            sender.inbox.add(FrameCodec.encode(new Frame.HistoryEnd(snapshots.size() > request.limit())));
            return;
        }
        Frame.Publish publish = (Frame.Publish) frame;
        if (refuseNext != null) {
            sender.inbox.add(FrameCodec.encode(new Frame.Error(refuseNext, "refused by the test")));
            refuseNext = null;
            return;
        }
        NoteItem item = publish.item();
        try {
            item.verifyForStorage();
        } catch (InvalidSignatureException e) {
            throw new AssertionError("client sent an item the server would refuse", e);
        }
        Stored head = chainHeads.get(item.header().authorKeyId());
        long expected = head == null ? 1 : head.item().header().sequence() + 1;
        UpdateHash previous = head == null ? UpdateHash.NONE : head.item().hash();
        if (item.header().sequence() != expected || !item.header().previousHash().equals(previous)) {
            sender.inbox.add(FrameCodec.encode(new Frame.Error(ErrorCode.CHAIN_CONFLICT, "expected " + expected)));
            return;
        }
        if (item.kind() == NoteItemKind.SNAPSHOT && item.covers() > latestRevision) {
            sender.inbox.add(FrameCodec.encode(new Frame.Error(ErrorCode.INVALID_SNAPSHOT, "beyond")));
            return;
        }
        Stored entry = new Stored(++latestRevision, item);
        stored.add(entry);
        chainHeads.put(item.header().authorKeyId(), entry);
        if (item.kind() == NoteItemKind.SNAPSHOT) {
            stored.removeIf(old -> old.item().kind() == NoteItemKind.UPDATE && old.revision() <= item.covers());
        }
        sender.inbox.add(FrameCodec.encode(new Frame.Accepted(entry.revision())));
        for (Client other : clients) {
            if (other != sender) {
                relay(other, FrameCodec.encode(new Frame.Revision(entry.revision(), item)));
            }
        }
    }
}
