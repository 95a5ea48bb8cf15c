package dev.vellum.server.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.ApiCall;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.account.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A workspace's notes and their sealed titles: {@code GET/POST /api/workspaces/{id}/notes},
 * {@code POST .../notes/{noteId}/title} and {@code POST .../notes/{noteId}/delete}. Members list them; writers
 * (owners and editors) create, retitle and delete. A note's items travel over the note's WebSocket, as any note's.
 */
final class NoteListRoutes {
    private final WorkspaceStore store;

    NoteListRoutes(WorkspaceStore store) {
        this.store = store;
    }

    Future<Reply> list(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        return store.notes(id, session.accountId()).map(notes -> {
            JsonArray list = new JsonArray();
            for (JdbcWorkspaceNotes.NoteRow note : notes) {
                list.add(new JsonObject().put("noteId", note.noteId().toString())
                        .put("title", Base64Url.encode(note.title()))
                        .put("updatedAt", note.updatedAt().toEpochMilli()));
            }
            return Reply.json(200, new JsonObject().put("notes", list));
        });
    }

    Future<Reply> create(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        NoteId note = PathIds.noteId(call.body().text("noteId"), "noteId");
        byte[] title = call.body().bytesUpTo("title", SealedTitles.MAX_BYTES);
        return store.createNote(id, session.accountId(), note, title).map(done -> Reply.json(201,
                new JsonObject().put("noteId", note.toString())));
    }

    Future<Reply> retitle(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        NoteId note = PathIds.note(call.ctx());
        byte[] title = call.body().bytesUpTo("title", SealedTitles.MAX_BYTES);
        return store.retitle(id, session.accountId(), note, title).map(done -> Reply.noContent());
    }

    Future<Reply> delete(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        NoteId note = PathIds.note(call.ctx());
        return store.deleteNote(id, session.accountId(), note).map(done -> Reply.noContent());
    }
}
