package dev.vellum.server.ws;

import dev.vellum.protocol.item.NoteItem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Checks items' signatures on worker threads, one per core, in parallel and off the event loop: two Ed25519
 * verifications per item were 84% of the event loop's time, which then carried every connection on one core. A
 * connection takes the answers in the order its items came ({@link NoteSession}), so its items still reach the store
 * in the order sent. Keys are decoded once per note and author ({@link DecodedKeys}).
 */
final class SignatureChecks {
    private static final String POOL = "vellum-verify";

    private final WorkerExecutor workers;
    private final DecodedKeys keys = new DecodedKeys(DecodedKeys.DEFAULT_CAPACITY);

    SignatureChecks(Vertx vertx) {
        this.workers = vertx.createSharedWorkerExecutor(POOL, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Completes once the item's signatures check out for a note shared by link ({@link NoteItem#verifyForStorage})
     * or a workspace note ({@link NoteItem#verifyForWorkspaceStorage}); fails with the
     * {@link dev.vellum.error.InvalidSignatureException} otherwise.
     */
    Future<Void> verify(NoteItem item, boolean workspaceNote) {
        return workers.executeBlocking(() -> {
            if (workspaceNote) {
                item.verifyForWorkspaceStorage(keys);
            } else {
                item.verifyForStorage(keys);
            }
            return null;
        }, false);
    }
}
