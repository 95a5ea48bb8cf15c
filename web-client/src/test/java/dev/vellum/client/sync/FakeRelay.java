package dev.vellum.client.sync;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The server's rules in memory: a revision is stored only if it is the note's next number, then acknowledged to
 * its sender and relayed to everyone else; joining sends the whole history, then "caught up". Frames queue per
 * client until the test delivers them.
 */
final class FakeRelay {
    private final List<EncryptedRevision> stored = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    /** When set, the next publish is refused with this code instead of being stored. */
    ErrorCode refuseNext;
    /** When set, relayed frames are dropped, duplicated and delivered out of order, as a hostile network might. */
    java.util.Random chaos;

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
        sync.onConnected(client);
        for (EncryptedRevision revision : stored) {
            client.inbox.add(FrameCodec.encode(new Frame.Revision(revision)));
        }
        client.inbox.add(FrameCodec.encode(new Frame.CaughtUp(stored.size())));
        return client;
    }

    void disconnect(Client client) {
        clients.remove(client);
        client.sync.onDisconnected();
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
        java.util.List<byte[]> queue = new java.util.ArrayList<>(to.inbox);
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

    EncryptedRevision stored(int index) {
        return stored.get(index);
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
        Frame.Publish publish = (Frame.Publish) frame;
        if (refuseNext != null) {
            sender.inbox.add(FrameCodec.encode(new Frame.Error(refuseNext, "refused by the test")));
            refuseNext = null;
            return;
        }
        EncryptedRevision revision = publish.revision();
        if (revision.header().revision() != stored.size() + 1) {
            sender.inbox.add(FrameCodec.encode(new Frame.Error(ErrorCode.STALE_REVISION, "taken")));
            return;
        }
        stored.add(revision);
        sender.inbox.add(FrameCodec.encode(new Frame.Accepted(revision.header().revision())));
        for (Client other : clients) {
            if (other != sender) {
                relay(other, FrameCodec.encode(new Frame.Revision(revision)));
            }
        }
    }
}
