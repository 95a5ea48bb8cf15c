package dev.vellum.client.workspace;

import dev.vellum.client.account.ApiError;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import java.util.List;
import java.util.function.Consumer;

/**
 * The server's workspace API (docs/protocol.md, "Workspaces: HTTP API") as the browser's workspace logic sees it: one method per
 * call, every answer already parsed into typed values, every refusal an {@link ApiError}. {@link WorkspaceApi} is the
 * HTTP implementation; JVM tests use an in-memory one. Nothing that comes back is trusted: the callers verify the log,
 * the envelopes, the titles and the requests themselves.
 */
public interface WorkspaceServer {
    /** {@code GET /api/users/{username}}: the keys the server says this account registered. */
    record UserKeys(AccountId accountId, Username username, PublicIdentity identity) {
    }

    /** One row of {@code GET /api/workspaces}; the role is the server's claim, the log decides. */
    record Listing(WorkspaceId workspaceId, Role role, boolean pending, long logLength) {
    }

    /** {@code GET /api/workspaces/{id}/log?from=N}: encoded entries from {@code from}, and the log's length. */
    record LogPage(List<byte[]> entries, long length) {
    }

    /** The optional welcome of a new invite link, stored with it for the joiner. */
    record WelcomeUpload(InvitationId invitationId, byte[] sealed) {
    }

    /** {@code POST /api/workspaces/{id}/log}: appended all or nothing. */
    record Append(List<byte[]> entries, List<byte[]> envelopes, List<byte[]> links, WelcomeUpload welcome) {
        public Append {
            entries = List.copyOf(entries);
            envelopes = List.copyOf(envelopes);
            links = List.copyOf(links);
        }

        public static Append entries(List<byte[]> entries) {
            return new Append(entries, List.of(), List.of(), null);
        }
    }

    /** {@code GET /api/workspaces/{id}/keys}: the envelopes addressed to the caller and the epoch links. */
    record Keys(List<byte[]> envelopes, List<byte[]> links) {
    }

    /** One row of {@code GET /api/workspaces/{id}/notes}; {@code updatedAt} is the server's, in ms (or -1). */
    record NoteRow(NoteId noteId, byte[] title, long updatedAt) {
    }

    /** {@code GET /api/invitations/{id}}; {@code status} is the server's word ("open", ...). */
    record InvitationInfo(WorkspaceId workspaceId, byte[] welcome, long expiresAt, String status) {
    }

    /** {@code GET /api/account/contacts}: revision 0 and a null book before the first save. */
    record StoredContacts(long revision, byte[] book) {
    }

    /**
     * {@code POST /api/workspaces/{id}/compact}: how many notes hold nothing of an older epoch now, the notes still
     * waiting (an item or title of an older epoch), whether the name still is of one, and whether the server deleted
     * the epoch links and older envelopes. The server's word: it cannot be checked that anything was deleted.
     */
    record Compaction(int compactedNotes, List<NoteId> notesWaiting, boolean nameWaiting, boolean oldKeysDeleted) {
        public Compaction {
            notesWaiting = List.copyOf(notesWaiting);
        }
    }

    /** The error code of a log append that does not continue the server's head. */
    String STALE_LOG = "stale_log";
    /** The error code of a contact book saved over another revision. */
    String STALE_CONTACTS = "stale_contacts";

    void user(Username username, Consumer<UserKeys> ok, Consumer<ApiError> failed);

    void workspaces(Consumer<List<Listing>> ok, Consumer<ApiError> failed);

    void createWorkspace(byte[] genesis, byte[] envelope, Consumer<WorkspaceId> ok, Consumer<ApiError> failed);

    void log(WorkspaceId workspace, long from, Consumer<LogPage> ok, Consumer<ApiError> failed);

    /** Answers the log's new length. */
    void append(WorkspaceId workspace, Append append, Consumer<Long> ok, Consumer<ApiError> failed);

    void keys(WorkspaceId workspace, Consumer<Keys> ok, Consumer<ApiError> failed);

    void notes(WorkspaceId workspace, Consumer<List<NoteRow>> ok, Consumer<ApiError> failed);

    void createNote(WorkspaceId workspace, NoteId note, byte[] title, Runnable ok, Consumer<ApiError> failed);

    void renameNote(WorkspaceId workspace, NoteId note, byte[] title, Runnable ok, Consumer<ApiError> failed);

    void deleteNote(WorkspaceId workspace, NoteId note, Runnable ok, Consumer<ApiError> failed);

    /** Owners: forgets the history of older epochs where a snapshot of the current one re-encrypted it. */
    void compact(WorkspaceId workspace, Consumer<Compaction> ok, Consumer<ApiError> failed);

    void invitation(InvitationId invitation, Consumer<InvitationInfo> ok, Consumer<ApiError> failed);

    void join(InvitationId invitation, byte[] request, Runnable ok, Consumer<ApiError> failed);

    void joinRequests(WorkspaceId workspace, Consumer<List<byte[]>> ok, Consumer<ApiError> failed);

    void contacts(Consumer<StoredContacts> ok, Consumer<ApiError> failed);

    /** Answers the new revision; {@link #STALE_CONTACTS} when {@code revision} is not the stored one. */
    void saveContacts(long revision, byte[] book, Consumer<Long> ok, Consumer<ApiError> failed);
}
