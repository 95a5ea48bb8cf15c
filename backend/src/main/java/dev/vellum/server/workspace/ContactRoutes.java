package dev.vellum.server.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.ApiCall;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.account.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A person's contact book (pins and "verified" marks), sealed in the browser for that person alone:
 * {@code GET /api/account/contacts} (revision 0 and no book before the first save) and
 * {@code POST /api/account/contacts}, which replaces it only if the revision sent is the stored one (else 409
 * stale_contacts: another device saved first, and the browser merges and tries again).
 */
final class ContactRoutes {
    static final int MAX_BOOK_BYTES = 256 * 1024;

    private final WorkspaceStore store;

    ContactRoutes(WorkspaceStore store) {
        this.store = store;
    }

    Future<Reply> show(ApiCall call, ActiveSession session) {
        return store.contactBook(session.accountId()).map(found -> {
            JsonObject answer = new JsonObject().put("revision", found.map(book -> book.revision()).orElse(0L));
            found.ifPresent(book -> answer.put("book", Base64Url.encode(book.book())));
            return Reply.json(200, answer);
        });
    }

    Future<Reply> save(ApiCall call, ActiveSession session) throws ApiError {
        long revision = call.body().number("revision", Long.MAX_VALUE - 1);
        byte[] book = call.body().bytesUpTo("book", MAX_BOOK_BYTES);
        return store.saveContactBook(session.accountId(), revision, book).compose(saved -> saved.isPresent()
                ? Future.succeededFuture(Reply.json(200, new JsonObject().put("revision", saved.getAsLong())))
                : Future.failedFuture(WorkspaceErrors.staleContacts()));
    }
}
