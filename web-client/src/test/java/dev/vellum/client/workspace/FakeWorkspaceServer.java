package dev.vellum.client.workspace;

import dev.vellum.client.account.ApiError;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The workspace API in memory, answering at once, as an honest server would (it verifies every append with the
 * shared {@link MembershipLog}, serves only members and invitees, and keeps envelopes by recipient key); the fields
 * are open so that a test can play a malicious server by changing what it stores or serves.
 */
final class FakeWorkspaceServer {
    /** One workspace's rows. */
    static final class Stored {
        final List<byte[]> entries = new ArrayList<>();
        final List<byte[]> envelopes = new ArrayList<>();
        final List<byte[]> links = new ArrayList<>();
        final Map<NoteId, WorkspaceServer.NoteRow> notes = new LinkedHashMap<>();
        MembershipLog log;
    }

    final Map<WorkspaceId, Stored> workspaces = new LinkedHashMap<>();
    final Map<Username, WorkspaceServer.UserKeys> users = new HashMap<>();
    final Map<AccountId, WorkspaceServer.StoredContacts> contactBooks = new HashMap<>();
    final Map<InvitationId, WorkspaceServer.InvitationInfo> invitations = new HashMap<>();
    final Map<InvitationId, byte[]> joinRequests = new HashMap<>();
    /** When set, the log served to everyone (a malicious server's version); null serves the stored one. */
    final Map<WorkspaceId, List<byte[]>> servedLog = new HashMap<>();
    /** When set, the envelopes served to everyone instead of those addressed to them. */
    final Map<WorkspaceId, List<byte[]>> servedEnvelopes = new HashMap<>();
    int appends;

    void register(UnlockedAccount account) {
        users.put(account.username(), new WorkspaceServer.UserKeys(account.accountId(), account.username(),
                account.identity().publicIdentity()));
    }

    /** The server as {@code account}'s session sees it. */
    WorkspaceServer as(UnlockedAccount account) {
        return new Session(account);
    }

    private final class Session implements WorkspaceServer {
        private final UnlockedAccount caller;

        Session(UnlockedAccount caller) {
            this.caller = caller;
        }

        private boolean mayRead(Stored stored) {
            return stored.log.member(caller.accountId()).isPresent()
                    || stored.log.pendingInvitationHash(caller.accountId()).isPresent();
        }

        private Stored readable(WorkspaceId id, Consumer<ApiError> failed) {
            Stored stored = workspaces.get(id);
            if (stored == null) {
                failed.accept(new ApiError(404, "no_such_workspace", "", 0));
                return null;
            }
            if (!mayRead(stored)) {
                failed.accept(new ApiError(403, "not_a_member", "not a member of this workspace", 0));
                return null;
            }
            return stored;
        }

        @Override
        public void user(Username username, Consumer<UserKeys> ok, Consumer<ApiError> failed) {
            UserKeys keys = users.get(username);
            if (keys == null) {
                failed.accept(new ApiError(404, "no_such_user", "", 0));
            } else {
                ok.accept(keys);
            }
        }

        @Override
        public void workspaces(Consumer<List<Listing>> ok, Consumer<ApiError> failed) {
            List<Listing> rows = new ArrayList<>();
            for (Map.Entry<WorkspaceId, Stored> row : workspaces.entrySet()) {
                MembershipLog log = row.getValue().log;
                MemberRecord member = log.member(caller.accountId()).orElse(null);
                if (member != null) {
                    rows.add(new Listing(row.getKey(), member.role(), false, log.length()));
                } else if (log.pendingInvitationHash(caller.accountId()).isPresent()) {
                    MemberRecord invitee = log.pendingInvitations().stream()
                            .filter(r -> r.accountId().equals(caller.accountId())).findFirst().orElseThrow();
                    rows.add(new Listing(row.getKey(), invitee.role(), true, log.length()));
                }
            }
            ok.accept(rows);
        }

        @Override
        public void createWorkspace(byte[] genesis, byte[] envelope, Consumer<WorkspaceId> ok,
                                    Consumer<ApiError> failed) {
            try {
                WorkspaceId id = MembershipLog.parseEntry(genesis, 0).workspaceId();
                Stored stored = new Stored();
                stored.log = MembershipLog.verifyEncoded(id, List.of(genesis));
                stored.entries.add(genesis);
                stored.envelopes.add(envelope);
                workspaces.put(id, stored);
                ok.accept(id);
            } catch (MembershipLogException e) {
                failed.accept(new ApiError(400, "invalid_entry", e.getMessage(), 0));
            }
        }

        @Override
        public void log(WorkspaceId workspace, long from, Consumer<LogPage> ok, Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored != null) {
                List<byte[]> served = servedLog.getOrDefault(workspace, stored.entries);
                ok.accept(new LogPage(List.copyOf(served.subList((int) from, served.size())), served.size()));
            }
        }

        @Override
        public void append(WorkspaceId workspace, Append append, Consumer<Long> ok, Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored == null) {
                return;
            }
            List<byte[]> all = new ArrayList<>(stored.entries);
            all.addAll(append.entries());
            MembershipLog log;
            try {
                if (MembershipLog.parseEntry(append.entries().get(0), 0).sequence() != stored.entries.size()) {
                    failed.accept(new ApiError(409, STALE_LOG, "the log moved on", 0));
                    return;
                }
                log = MembershipLog.verifyEncoded(workspace, all);
            } catch (MembershipLogException e) {
                failed.accept(new ApiError(400, "invalid_entry", e.getMessage(), 0));
                return;
            }
            stored.entries.addAll(append.entries());
            stored.envelopes.addAll(append.envelopes());
            stored.links.addAll(append.links());
            stored.log = log;
            if (append.welcome() != null) {
                invitations.put(append.welcome().invitationId(), new InvitationInfo(workspace,
                        append.welcome().sealed(), log.linkInvitation(append.welcome().invitationId())
                        .orElseThrow().expiresAtMillis(), "open"));
            }
            appends++;
            ok.accept((long) log.length());
        }

        @Override
        public void keys(WorkspaceId workspace, Consumer<Keys> ok, Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored == null) {
                return;
            }
            List<byte[]> mine = new ArrayList<>();
            IdentityKeyId me = IdentityKeyId.of(caller.identity().publicIdentity());
            for (byte[] envelope : stored.envelopes) {
                try {
                    if (KeyEnvelope.parse(envelope).header().recipientKeyId().equals(me)) {
                        mine.add(envelope);
                    }
                } catch (InvalidMessageException e) {
                    mine.add(envelope);
                }
            }
            ok.accept(new Keys(servedEnvelopes.getOrDefault(workspace, mine), List.copyOf(stored.links)));
        }

        @Override
        public void notes(WorkspaceId workspace, Consumer<List<NoteRow>> ok, Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored != null && stored.log.member(caller.accountId()).isEmpty()) {
                failed.accept(new ApiError(403, "not_a_member", "notes are for members", 0)); // a pending invitee
            } else if (stored != null) {
                ok.accept(List.copyOf(stored.notes.values()));
            }
        }

        @Override
        public void createNote(WorkspaceId workspace, NoteId note, byte[] title, Runnable ok,
                               Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored != null) {
                stored.notes.put(note, new NoteRow(note, title, stored.notes.size() + 1));
                ok.run();
            }
        }

        @Override
        public void renameNote(WorkspaceId workspace, NoteId note, byte[] title, Runnable ok,
                               Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored != null) {
                stored.notes.put(note, new NoteRow(note, title, stored.notes.get(note).updatedAt() + 100));
                ok.run();
            }
        }

        @Override
        public void deleteNote(WorkspaceId workspace, NoteId note, Runnable ok, Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored != null) {
                stored.notes.remove(note);
                ok.run();
            }
        }

        @Override
        public void invitation(InvitationId invitation, Consumer<InvitationInfo> ok, Consumer<ApiError> failed) {
            InvitationInfo info = invitations.get(invitation);
            if (info == null) {
                failed.accept(new ApiError(404, "no_such_invitation", "", 0));
                return;
            }
            MembershipLog log = workspaces.get(info.workspaceId()).log;
            var state = log.linkInvitation(invitation).orElseThrow();
            switch (state.status()) {
                case REVOKED -> failed.accept(new ApiError(410, "invitation_revoked", "", 0));
                case USED -> failed.accept(new ApiError(410, "invitation_used", "", 0));
                default -> ok.accept(info);
            }
        }

        @Override
        public void join(InvitationId invitation, byte[] request, Runnable ok, Consumer<ApiError> failed) {
            if (joinRequests.containsKey(invitation)) {
                failed.accept(new ApiError(409, "join_pending", "", 0));
                return;
            }
            joinRequests.put(invitation, request);
            ok.run();
        }

        @Override
        public void joinRequests(WorkspaceId workspace, Consumer<List<byte[]>> ok, Consumer<ApiError> failed) {
            Stored stored = readable(workspace, failed);
            if (stored == null) {
                return;
            }
            List<byte[]> requests = new ArrayList<>();
            for (Map.Entry<InvitationId, byte[]> request : joinRequests.entrySet()) {
                if (stored.log.linkInvitation(request.getKey()).isPresent()) {
                    requests.add(request.getValue());
                }
            }
            ok.accept(requests);
        }

        @Override
        public void contacts(Consumer<StoredContacts> ok, Consumer<ApiError> failed) {
            ok.accept(contactBooks.getOrDefault(caller.accountId(), new StoredContacts(0, null)));
        }

        @Override
        public void saveContacts(long revision, byte[] book, Consumer<Long> ok, Consumer<ApiError> failed) {
            StoredContacts stored = contactBooks.getOrDefault(caller.accountId(), new StoredContacts(0, null));
            if (stored.revision() != revision) {
                failed.accept(new ApiError(409, STALE_CONTACTS, "", 0));
                return;
            }
            contactBooks.put(caller.accountId(), new StoredContacts(revision + 1, book.clone()));
            ok.accept(revision + 1);
        }
    }
}
