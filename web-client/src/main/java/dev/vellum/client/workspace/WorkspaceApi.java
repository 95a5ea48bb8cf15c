package dev.vellum.client.workspace;

import dev.vellum.client.account.ApiError;
import dev.vellum.client.account.JsonApi;
import dev.vellum.client.jso.Http;
import dev.vellum.client.jso.JsonFields;
import dev.vellum.client.jso.JsonObject;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The workspace API over HTTP ({@code fetch}, same-origin session cookie), as docs/protocol.md lists it
 * ("Workspaces: HTTP API"). Each answer is parsed into typed values or turned into an {@link ApiError}: a field that is missing or does not
 * decode makes the whole answer unusable, never half-used. Any 2xx status is success (the protocol fixes the bodies,
 * not whether a creation answers 200 or 201). What the answers mean is checked by the callers.
 */
public final class WorkspaceApi implements WorkspaceServer {
    private static <T> void call(String method, String path, String body, JsonApi.Reader<T> reader,
                                 Consumer<T> ok, Consumer<ApiError> failed) {
        JsonApi.call(method, path, body, status -> status >= 200 && status <= 299, reader, ok, failed);
    }

    private static void command(String method, String path, String body, Runnable ok,
                                Consumer<ApiError> failed) {
        call(method, path, body, json -> Boolean.TRUE, ignored -> ok.run(), failed);
    }

    /**
     * Asks now for what opening {@code workspace}'s page will ask for first (the session, the contact book, the
     * list of workspaces, its log, keys and notes), all at once instead of the session first: see {@link Http#early}.
     * Paths as AccountApi and the methods below write them; boot.js starts the same requests for a page at
     * {@code /w/<id>} before the wasm has loaded, and these take them.
     */
    public static void askEarlyForOpening(WorkspaceId workspace) {
        Http.early("/api/session", "/api/account/contacts", "/api/workspaces", base(workspace) + "/log?from=0",
                base(workspace) + "/keys", base(workspace) + "/notes");
    }

    @Override
    public void user(Username username, Consumer<UserKeys> ok, Consumer<ApiError> failed) {
        call("GET", "/api/users/" + username.value(), null, json -> {
            Username named = parseUsername(text(json, "username"));
            if (!named.equals(username)) {
                throw new IllegalArgumentException("the answer names another user");
            }
            return new UserKeys(AccountId.parse(text(json, "accountId")), named,
                    PublicIdentity.fromBytes(bytes(json, "identity", PublicIdentity.ENCODED_LENGTH)));
        }, ok, failed);
    }

    @Override
    public void workspaces(Consumer<List<Listing>> ok, Consumer<ApiError> failed) {
        call("GET", "/api/workspaces", null, json -> {
            int count = length(json, "workspaces");
            List<Listing> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JsonObject row = item(json, "workspaces", i);
                rows.add(new Listing(workspaceId(text(row, "workspaceId")), role(row, "role"),
                        JsonFields.isTrue(row, "pending"), whole(row, "logLength")));
            }
            return rows;
        }, ok, failed);
    }

    @Override
    public void createWorkspace(byte[] genesis, byte[] envelope, Consumer<WorkspaceId> ok,
                                Consumer<ApiError> failed) {
        String body = JsonBody.object().put("entry", genesis).put("envelope", envelope).toString();
        call("POST", "/api/workspaces", body, json -> workspaceId(text(json, "workspaceId")), ok, failed);
    }

    @Override
    public void log(WorkspaceId workspace, long from, Consumer<LogPage> ok, Consumer<ApiError> failed) {
        call("GET", base(workspace) + "/log?from=" + from, null,
                json -> new LogPage(binaries(json, "entries"), whole(json, "length")), ok, failed);
    }

    @Override
    public void append(WorkspaceId workspace, Append append, Consumer<Long> ok, Consumer<ApiError> failed) {
        JsonBody body = JsonBody.object().put("entries", append.entries()).put("envelopes", append.envelopes())
                .put("links", append.links());
        if (append.welcome() != null) {
            body.put("welcome", JsonBody.object().put("invitationId", append.welcome().invitationId().toString())
                    .put("sealed", append.welcome().sealed()));
        }
        call("POST", base(workspace) + "/log", body.toString(), json -> whole(json, "length"), ok, failed);
    }

    @Override
    public void keys(WorkspaceId workspace, Consumer<Keys> ok, Consumer<ApiError> failed) {
        call("GET", base(workspace) + "/keys", null,
                json -> new Keys(binaries(json, "envelopes"), binaries(json, "links")), ok, failed);
    }

    @Override
    public void notes(WorkspaceId workspace, Consumer<List<NoteRow>> ok, Consumer<ApiError> failed) {
        call("GET", base(workspace) + "/notes", null, json -> {
            int count = length(json, "notes");
            List<NoteRow> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JsonObject row = item(json, "notes", i);
                rows.add(new NoteRow(NoteId.parse(text(row, "noteId")), anyLength(text(row, "title")),
                        (long) JsonFields.number(row, "updatedAt")));
            }
            return rows;
        }, ok, failed);
    }

    @Override
    public void createNote(WorkspaceId workspace, NoteId note, byte[] title, Runnable ok, Consumer<ApiError> failed) {
        String body = JsonBody.object().put("noteId", note.toString()).put("title", title).toString();
        command("POST", base(workspace) + "/notes", body, ok, failed);
    }

    @Override
    public void renameNote(WorkspaceId workspace, NoteId note, byte[] title, Runnable ok, Consumer<ApiError> failed) {
        command("POST", base(workspace) + "/notes/" + note + "/title",
                JsonBody.object().put("title", title).toString(), ok, failed);
    }

    @Override
    public void deleteNote(WorkspaceId workspace, NoteId note, Runnable ok, Consumer<ApiError> failed) {
        command("POST", base(workspace) + "/notes/" + note + "/delete", "{}", ok, failed);
    }

    @Override
    public void compact(WorkspaceId workspace, Consumer<Compaction> ok, Consumer<ApiError> failed) {
        call("POST", base(workspace) + "/compact", "{}", json -> {
            int count = length(json, "notesWaiting");
            List<NoteId> waiting = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String id = JsonFields.stringItem(json, "notesWaiting", i);
                if (id == null) {
                    throw new IllegalArgumentException("an item of notesWaiting is not a string");
                }
                waiting.add(NoteId.parse(id));
            }
            return new Compaction((int) whole(json, "compactedNotes"), waiting, JsonFields.isTrue(json, "nameWaiting"),
                    JsonFields.isTrue(json, "oldKeysDeleted"));
        }, ok, failed);
    }

    @Override
    public void invitation(InvitationId invitation, Consumer<InvitationInfo> ok, Consumer<ApiError> failed) {
        call("GET", "/api/invitations/" + invitation, null, json -> new InvitationInfo(
                workspaceId(text(json, "workspaceId")), anyLength(text(json, "welcome")),
                whole(json, "expiresAt"), text(json, "status")), ok, failed);
    }

    @Override
    public void join(InvitationId invitation, byte[] request, Runnable ok, Consumer<ApiError> failed) {
        command("POST", "/api/invitations/" + invitation + "/join",
                JsonBody.object().put("request", request).toString(), ok, failed);
    }

    @Override
    public void joinRequests(WorkspaceId workspace, Consumer<List<byte[]>> ok, Consumer<ApiError> failed) {
        call("GET", base(workspace) + "/join-requests", null, json -> binaries(json, "requests"), ok, failed);
    }

    @Override
    public void contacts(Consumer<StoredContacts> ok, Consumer<ApiError> failed) {
        call("GET", "/api/account/contacts", null, json -> {
            String book = JsonFields.string(json, "book");
            return new StoredContacts(whole(json, "revision"), book == null ? null : anyLength(book));
        }, ok, failed);
    }

    @Override
    public void saveContacts(long revision, byte[] book, Consumer<Long> ok, Consumer<ApiError> failed) {
        String body = JsonBody.object().put("revision", revision).put("book", book).toString();
        call("POST", "/api/account/contacts", body, json -> whole(json, "revision"), ok, failed);
    }

    private static String base(WorkspaceId workspace) {
        return "/api/workspaces/" + workspace;
    }

    private static String text(JsonObject json, String name) {
        String value = JsonFields.string(json, name);
        if (value == null) {
            throw new IllegalArgumentException("the answer has no text field " + name);
        }
        return value;
    }

    private static byte[] bytes(JsonObject json, String name, int length) throws InvalidMessageException {
        return Base64Url.decode(text(json, name), length);
    }

    private static long whole(JsonObject json, String name) {
        double value = JsonFields.number(json, name);
        if (value < 0 || value != Math.floor(value) || value > 9.007199254740991E15) {
            throw new IllegalArgumentException("the answer has no whole number " + name);
        }
        return (long) value;
    }

    private static int length(JsonObject json, String name) {
        int count = JsonFields.arrayLength(json, name);
        if (count < 0) {
            throw new IllegalArgumentException("the answer has no array " + name);
        }
        return count;
    }

    private static JsonObject item(JsonObject json, String name, int index) {
        JsonObject row = JsonFields.arrayItem(json, name, index);
        if (row == null) {
            throw new IllegalArgumentException("an item of " + name + " is not an object");
        }
        return row;
    }

    private static List<byte[]> binaries(JsonObject json, String name) throws InvalidMessageException {
        int count = length(json, name);
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String value = JsonFields.stringItem(json, name, i);
            if (value == null) {
                throw new IllegalArgumentException("an item of " + name + " is not a string");
            }
            values.add(anyLength(value));
        }
        return values;
    }

    /** Base64url of a length the format itself bounds: checked by its parser, not here. */
    private static byte[] anyLength(String text) throws InvalidMessageException {
        if (text.length() % 4 == 1) {
            throw new InvalidMessageException("not a base64url length");
        }
        return Base64Url.decode(text, text.length() * 3 / 4);
    }

    private static WorkspaceId workspaceId(String text) throws InvalidMessageException {
        return WorkspaceId.fromBytes(Base64Url.decode(text, WorkspaceId.LENGTH));
    }

    private static Username parseUsername(String text) {
        try {
            return Username.parse(text);
        } catch (InvalidUsernameException e) {
            throw new IllegalArgumentException("the answer's username is not one");
        }
    }

    /** The server's role claim: a role code, or a role's name in lower case. */
    private static Role role(JsonObject json, String name) throws InvalidMessageException {
        String named = JsonFields.string(json, name);
        if (named != null) {
            for (Role role : Role.values()) {
                if (role.name().equalsIgnoreCase(named)) {
                    return role;
                }
            }
            throw new InvalidMessageException("unknown role " + named);
        }
        return Role.fromCode((int) whole(json, name));
    }
}
