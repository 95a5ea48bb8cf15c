package dev.vellum.server.ws;

import dev.vellum.protocol.id.NoteId;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One room per note on the event bus: every connection to a note subscribes to the note's address, and a stored
 * revision is published there. On a clustered event bus the same code joins rooms across server nodes.
 */
public final class NoteRelay {
    private static final String ADDRESS_PREFIX = "vellum.note.";
    private static final String ORIGIN_HEADER = "origin";

    /**
     * Told, on this node only, when another node left the cluster (see {@code dev.vellum.server.cluster}): what it
     * had stored but not yet relayed reached nobody, so this node's connections close with
     * {@link #CLOSE_NODE_LEFT} and their browsers reconnect and ask for what they lack.
     */
    public static final String NODE_LEFT_ADDRESS = "vellum.cluster.node-left";
    /** RFC 6455 1012, "service restart": the client reconnects at once and catches up from its last revision. */
    static final short CLOSE_NODE_LEFT = 1012;

    private final EventBus eventBus;
    private final PresenceBudget presenceBudget = new PresenceBudget(PresenceBudget.PER_NOTE_PER_SECOND);
    private final Set<NoteSession> open = ConcurrentHashMap.newKeySet();

    public NoteRelay(EventBus eventBus) {
        this.eventBus = eventBus;
        eventBus.localConsumer(NODE_LEFT_ADDRESS, left -> open.forEach(NoteSession::catchUpAfterNodeLoss));
    }

    void opened(NoteSession session) {
        open.add(session);
    }

    void closed(NoteSession session) {
        open.remove(session);
    }

    /** Delivers every frame published to the note, except those the subscriber published itself. */
    MessageConsumer<Buffer> join(NoteId noteId, String subscriberId, Handler<Buffer> onFrame) {
        return eventBus.<Buffer>consumer(ADDRESS_PREFIX + noteId, message -> {
            if (!subscriberId.equals(message.headers().get(ORIGIN_HEADER))) {
                onFrame.handle(message.body());
            }
        });
    }

    /** Whether the note may relay one more presence message now (see {@link PresenceBudget}); this server only. */
    boolean admitPresence(NoteId noteId) {
        return presenceBudget.tryAcquire(noteId, System.nanoTime());
    }

    void publish(NoteId noteId, String publisherId, Buffer frame) {
        eventBus.publish(ADDRESS_PREFIX + noteId, frame, new DeliveryOptions().addHeader(ORIGIN_HEADER, publisherId));
    }
}
