package dev.vellum.client.workspace;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochLink;
import dev.vellum.protocol.workspace.InviteLinkSecret;
import dev.vellum.protocol.workspace.JoinRequest;
import dev.vellum.protocol.workspace.LinkInvitationState;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedName;
import dev.vellum.protocol.workspace.SealedTitle;
import dev.vellum.protocol.workspace.Welcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every change a person makes to workspaces, as docs/protocol.md's "Workspaces" sections describe them. Each one works from an
 * {@link OpenedWorkspace} (a verified log, so nothing is sealed to anyone the log does not name with that key),
 * builds and signs its entries, checks them with the log's own rules, seals what must be sealed, and sends it all in
 * one request. Membership changes answer with the workspace opened again (verified again) after the server took
 * them; when someone else changed the log meanwhile ({@code stale_log}), the change is built again once on the new
 * log.
 *
 * <p>Never seals to a changed key: a person whose key differs from this browser's pin gets a blocking
 * {@link WorkspaceProblem.Kind#KEY_CHANGED} instead, and nothing is sent.
 */
public final class WorkspaceActions {
    /** How long an invite link stays open unless the inviter chooses otherwise: 24 hours. */
    public static final long DEFAULT_LINK_VALIDITY_MILLIS = 24L * 60 * 60 * 1000;

    private final WorkspaceSession session;

    WorkspaceActions(WorkspaceSession session) {
        this.session = session;
    }

    /** Builds one change from the workspace as it stands; built again if the log moved meanwhile. */
    private interface Change {
        WorkspaceServer.Append build(OpenedWorkspace workspace) throws WorkspaceProblemException;
    }

    /** Sends a change, retried once on a fresh log if someone else's change got in first; then reopens. */
    private void send(OpenedWorkspace workspace, Change change, boolean mayRetry, Consumer<OpenedWorkspace> ok,
                      Consumer<WorkspaceProblem> failed) {
        WorkspaceServer.Append append;
        try {
            append = change.build(workspace);
        } catch (WorkspaceProblemException e) {
            failed.accept(e.problem());
            return;
        }
        session.server().append(workspace.id(), append, length -> session.open(workspace.id(), ok, failed),
                error -> {
                    if (mayRetry && error.is(WorkspaceServer.STALE_LOG)) {
                        session.open(workspace.id(), fresh -> send(fresh, change, false, ok, failed), failed);
                    } else {
                        failed.accept(WorkspaceProblem.server(error));
                    }
                });
    }

    private static WorkspaceServer.Append entriesOnly(EntryChain chain) {
        return WorkspaceServer.Append.entries(chain.entries());
    }

    private static void requireManager(OpenedWorkspace workspace) throws WorkspaceProblemException {
        if (!workspace.canManage()) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.NOT_ALLOWED,
                    "Only an owner of this workspace can do this."));
        }
    }

    // --- Workspaces ------------------------------------------------------------------------------------------

    /** Creates a workspace (genesis entry, epoch 0 sealed to this person) and answers its id. */
    public void createWorkspace(String name, Consumer<WorkspaceId> ok, Consumer<WorkspaceProblem> failed) {
        WorkspaceId id = WorkspaceId.random(session.random());
        EpochKey key = EpochKey.generate(id, 0, session.random());
        byte[] entry;
        byte[] envelope;
        try {
            SealedName sealedName = SealedName.seal(key, checkedName(name), session.random());
            MemberRecord creator = new MemberRecord(session.account().accountId(), session.account().username(),
                    session.account().identity().publicIdentity(), Role.OWNER);
            MembershipEntry genesis = MembershipEntry.sign(id, LogHead.EMPTY,
                    new EntryBody.Create(creator, sealedName, key.commitment()), session.now(),
                    session.account().accountId(), session.account().identity());
            MembershipLog.empty(id).append(genesis);
            entry = genesis.encode();
            envelope = Envelopes.seal(session, key, creator.identity());
        } catch (WorkspaceProblemException e) {
            failed.accept(e.problem());
            return;
        } catch (MembershipLogException e) {
            throw new IllegalStateException("a fresh genesis entry breaks the log's rules", e);
        }
        session.server().createWorkspace(entry, envelope, created -> {
            if (!created.equals(id)) {
                failed.accept(WorkspaceProblem.of(Kind.LOG_INVALID, "The server filed the new workspace under "
                        + "another id than the one its first entry names."));
                return;
            }
            ok.accept(id);
        }, error -> failed.accept(WorkspaceProblem.server(error)));
    }

    /** Renames the workspace (owners), sealed under the current epoch. */
    public void renameWorkspace(OpenedWorkspace workspace, String name, Consumer<OpenedWorkspace> ok,
                                Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            requireManager(current);
            SealedName sealed = SealedName.seal(current.currentKey(), checkedName(name), session.random());
            EntryChain chain = new EntryChain(current);
            chain.add(new EntryBody.Rename(sealed));
            return entriesOnly(chain);
        }, true, ok, failed);
    }

    /** A workspace name in NFC, 1 to 100 bytes of UTF-8. */
    private String checkedName(String typed) throws WorkspaceProblemException {
        String name = session.normalize(typed == null ? "" : typed.trim());
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.INVALID_INPUT, "Give the workspace a name."));
        }
        if (bytes > SealedName.MAX_NAME_BYTES) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.INVALID_INPUT, "A workspace name is at most "
                    + SealedName.MAX_NAME_BYTES + " bytes long; this one is " + bytes + "."));
        }
        return name;
    }

    // --- Notes -----------------------------------------------------------------------------------------------

    /** Creates a note (random id, sealed and signed title) and answers its id. */
    public void createNote(OpenedWorkspace workspace, String title, Consumer<NoteId> ok,
                           Consumer<WorkspaceProblem> failed) {
        NoteId note = NoteId.random(session.random());
        byte[] sealed;
        try {
            sealed = sealTitle(workspace, note, title);
        } catch (WorkspaceProblemException e) {
            failed.accept(e.problem());
            return;
        }
        session.server().createNote(workspace.id(), note, sealed, () -> ok.accept(note),
                error -> failed.accept(WorkspaceProblem.server(error)));
    }

    public void renameNote(OpenedWorkspace workspace, NoteId note, String title, Runnable ok,
                           Consumer<WorkspaceProblem> failed) {
        byte[] sealed;
        try {
            sealed = sealTitle(workspace, note, title);
        } catch (WorkspaceProblemException e) {
            failed.accept(e.problem());
            return;
        }
        session.server().renameNote(workspace.id(), note, sealed, ok,
                error -> failed.accept(WorkspaceProblem.server(error)));
    }

    /** A title in NFC, sealed under the current epoch and signed by this person; writers only. */
    private byte[] sealTitle(OpenedWorkspace workspace, NoteId note, String typed) throws WorkspaceProblemException {
        if (!workspace.canWrite()) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.NOT_ALLOWED,
                    "Viewers cannot create or rename notes."));
        }
        String title = session.normalize(typed == null ? "" : typed.trim());
        int bytes = title.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SealedTitle.MAX_TITLE_BYTES) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.INVALID_INPUT, "A title is at most "
                    + SealedTitle.MAX_TITLE_BYTES + " bytes long; this one is " + bytes + "."));
        }
        return SealedTitle.seal(workspace.currentKey(), note, title, session.account().accountId(),
                session.account().identity(), session.random()).encode();
    }

    /** Owners: has the workspace's history of older key epochs forgotten where it can be (see {@link OldHistory}). */
    public void forgetOldHistory(OpenedWorkspace workspace, Consumer<OldHistory.Forgotten> ok,
                                 Consumer<WorkspaceProblem> failed) {
        new OldHistory(session, this).forget(workspace, ok, failed);
    }

    public void deleteNote(OpenedWorkspace workspace, NoteId note, Runnable ok, Consumer<WorkspaceProblem> failed) {
        if (!workspace.canWrite()) {
            failed.accept(WorkspaceProblem.of(Kind.NOT_ALLOWED, "Viewers cannot delete notes."));
            return;
        }
        session.server().deleteNote(workspace.id(), note, ok, error -> failed.accept(WorkspaceProblem.server(error)));
    }

    // --- Inviting by username --------------------------------------------------------------------------------

    /**
     * Fetches the keys the server has for {@code username} and checks them against this person's pins: a new key
     * is pinned, a changed one fails with a blocking {@link WorkspaceProblem.Kind#KEY_CHANGED}. The answer carries
     * the safety number to show before inviting.
     */
    public void lookUp(String username, Consumer<Invitee> ok, Consumer<WorkspaceProblem> failed) {
        Username name;
        try {
            name = Username.parse(username);
        } catch (InvalidUsernameException e) {
            failed.accept(WorkspaceProblem.of(Kind.INVALID_INPUT, e.getMessage()));
            return;
        }
        session.server().user(name, keys -> {
            if (keys.accountId().equals(session.account().accountId())) {
                failed.accept(WorkspaceProblem.of(Kind.INVALID_INPUT, "That is you."));
                return;
            }
            ContactPins.Check check = session.contacts().check(keys.accountId(), keys.username(), keys.identity());
            if (check.changed()) {
                failed.accept(WorkspaceProblem.keyChanged(check.change()));
                return;
            }
            Invitee invitee = new Invitee(keys.accountId(), keys.username(), keys.identity(),
                    session.safetyNumber(keys.identity()), check.state() == ContactPins.State.NEW,
                    session.contacts().isVerified(keys.accountId(), keys.identity()));
            session.contacts().saveIfChanged(() -> ok.accept(invitee), problem -> ok.accept(invitee));
        }, error -> failed.accept(error.status() == 404
                ? WorkspaceProblem.of(Kind.INVALID_INPUT, "There is no one called " + name + " here.")
                : WorkspaceProblem.server(error)));
    }

    /** Invites (owners): an Invite entry and the current epoch key sealed to the invitee, in one request. */
    public void invite(OpenedWorkspace workspace, Invitee invitee, Role role, Consumer<OpenedWorkspace> ok,
                       Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            requireManager(current);
            requireUnchangedKey(invitee.accountId(), invitee.username(), invitee.identity());
            EpochKey key = current.currentKey();
            EntryChain chain = new EntryChain(current);
            chain.add(new EntryBody.Invite(new MemberRecord(invitee.accountId(), invitee.username(),
                    invitee.identity(), role)));
            return new WorkspaceServer.Append(chain.entries(),
                    List.of(Envelopes.seal(session, key, invitee.identity())), List.of(), null);
        }, true, ok, failed);
    }

    /** Fails with a blocking alert if this browser pinned another key for the account; pins a new one. */
    private void requireUnchangedKey(AccountId account, Username username, PublicIdentity identity)
            throws WorkspaceProblemException {
        ContactPins.Check check = session.contacts().check(account, username, identity);
        if (check.changed()) {
            throw new WorkspaceProblemException(WorkspaceProblem.keyChanged(check.change()));
        }
    }

    /** The invitee joins: an Accept entry signed by them. */
    public void accept(OpenedWorkspace workspace, Consumer<OpenedWorkspace> ok, Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            byte[] invitation = current.log().pendingInvitationHash(session.account().accountId())
                    .orElseThrow(() -> new WorkspaceProblemException(WorkspaceProblem.of(Kind.NOT_ALLOWED,
                            "There is no invitation to accept here any more.")));
            EntryChain chain = new EntryChain(current);
            chain.add(new EntryBody.Accept(invitation));
            return entriesOnly(chain);
        }, true, ok, failed);
    }

    /** The invitee declines: a Decline entry signed by them; the workspace is no longer theirs to open. */
    public void decline(OpenedWorkspace workspace, Runnable ok, Consumer<WorkspaceProblem> failed) {
        sendLastEntry(workspace, new EntryBody.Decline(session.account().accountId()), ok, failed);
    }

    /**
     * Sends this person's last entry in a workspace (declining, leaving): on success it is no longer theirs to
     * open, so it is not opened again; not rebuilt on {@code stale_log} either (the person tries again).
     */
    private void sendLastEntry(OpenedWorkspace workspace, EntryBody body, Runnable ok,
                               Consumer<WorkspaceProblem> failed) {
        WorkspaceServer.Append append;
        try {
            EntryChain chain = new EntryChain(workspace);
            chain.add(body);
            append = entriesOnly(chain);
        } catch (WorkspaceProblemException e) {
            failed.accept(e.problem());
            return;
        }
        session.server().append(workspace.id(), append, length -> ok.run(),
                error -> failed.accept(WorkspaceProblem.server(error)));
    }

    /** An owner withdraws an invitation by username (a Decline entry signed by the owner). */
    public void cancelInvitation(OpenedWorkspace workspace, AccountId invitee, Consumer<OpenedWorkspace> ok,
                                 Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            requireManager(current);
            EntryChain chain = new EntryChain(current);
            chain.add(new EntryBody.Decline(invitee));
            return entriesOnly(chain);
        }, true, ok, failed);
    }

    // --- Inviting by link ------------------------------------------------------------------------------------

    /**
     * Makes an invite link (owners): a fresh secret, a LinkInvite entry with its public link key, and a welcome
     * sealed under the link's welcome key. Answers the whole link to hand on, with the secret in its fragment;
     * the secret is kept nowhere else.
     *
     * @param validForMillis how long the link stays open; {@link #DEFAULT_LINK_VALIDITY_MILLIS} unless the inviter
     *                       chose otherwise
     * @param origin the site's origin, such as {@code https://vellum.example}
     */
    public void createInviteLink(OpenedWorkspace workspace, Role role, long validForMillis, boolean autoConfirm,
                                 String origin, Consumer<String> ok, Consumer<WorkspaceProblem> failed) {
        if (validForMillis <= 0) {
            failed.accept(WorkspaceProblem.of(Kind.INVALID_INPUT, "An invite link must stay open for some time."));
            return;
        }
        String[] linkText = new String[1];
        send(workspace, current -> {
            requireManager(current);
            InviteLinkSecret secret = InviteLinkSecret.generate(session.random());
            EntryChain chain = new EntryChain(current);
            MembershipLog after = chain.add(new EntryBody.LinkInvite(secret.invitationId(),
                    secret.signingKey().publicKey(), role, session.now() + validForMillis, autoConfirm));
            Welcome welcome = new Welcome(current.id(), current.me(), after.head(), role, current.name());
            linkText[0] = JoinLink.of(secret).text(origin);
            return new WorkspaceServer.Append(chain.entries(), List.of(), List.of(),
                    new WorkspaceServer.WelcomeUpload(secret.invitationId(), welcome.seal(secret, session.random())));
        }, true, opened -> ok.accept(linkText[0]), failed);
    }

    public void revokeInviteLink(OpenedWorkspace workspace, InvitationId invitation, Consumer<OpenedWorkspace> ok,
                                 Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            requireManager(current);
            EntryChain chain = new EntryChain(current);
            chain.add(new EntryBody.LinkRevoke(invitation));
            return entriesOnly(chain);
        }, true, ok, failed);
    }

    /**
     * The join requests waiting in a workspace (owners), each verified against the log: its invitation open and
     * unexpired, signed by that invitation's link key and by the joiner. Forged or stale ones are left out.
     */
    public void joinRequests(OpenedWorkspace workspace, Consumer<List<JoinRequestView>> ok,
                             Consumer<WorkspaceProblem> failed) {
        if (!workspace.canManage()) {
            ok.accept(List.of());
            return;
        }
        session.server().joinRequests(workspace.id(), encoded -> {
            List<JoinRequestView> requests = new ArrayList<>();
            for (byte[] bytes : encoded) {
                JoinRequestView view = verifiedRequest(workspace, bytes);
                if (view != null) {
                    requests.add(view);
                }
            }
            ok.accept(requests);
        }, error -> failed.accept(WorkspaceProblem.server(error)));
    }

    /** A request checked against the workspace's log, or null if it does not hold (or is for someone already in). */
    private JoinRequestView verifiedRequest(OpenedWorkspace workspace, byte[] bytes) {
        try {
            JoinRequest request = JoinRequest.parse(bytes);
            LinkInvitationState link = workspace.log().linkInvitation(request.invitationId()).orElse(null);
            if (link == null || !request.workspaceId().equals(workspace.id()) || !link.isOpenAt(session.now())
                    || workspace.log().member(request.joiner()).isPresent()
                    || workspace.log().pendingInvitationHash(request.joiner()).isPresent()) {
                return null;
            }
            request.verify(link.linkKey());
            return new JoinRequestView(request.invitationId(), request.joiner(), request.username(),
                    request.identity(), link.role(), link.autoConfirm(), bytes.clone());
        } catch (InvalidMessageException | InvalidSignatureException e) {
            return null;
        }
    }

    /**
     * Confirms a joiner (owners): a LinkConfirm entry binding their request, and the current epoch key sealed to
     * their identity. A joiner whose key differs from this person's pin is refused with a blocking alert.
     */
    public void confirmJoin(OpenedWorkspace workspace, JoinRequestView request, Consumer<OpenedWorkspace> ok,
                            Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            requireManager(current);
            JoinRequestView checked = verifiedRequest(current, request.encoded());
            if (checked == null) {
                throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.FORGED_REQUEST, "This request to join "
                        + "does not verify against the workspace's invite link (forged, for a link no longer open, "
                        + "or from someone already in). Nobody was let in."));
            }
            requireUnchangedKey(checked.accountId(), checked.username(), checked.identity());
            EpochKey key = current.currentKey();
            byte[] hash = requestHash(checked.encoded());
            EntryChain chain = new EntryChain(current);
            chain.add(new EntryBody.LinkConfirm(checked.invitationId(), new MemberRecord(checked.accountId(),
                    checked.username(), checked.identity(), checked.role()), hash));
            return new WorkspaceServer.Append(chain.entries(),
                    List.of(Envelopes.seal(session, key, checked.identity())), List.of(), null);
        }, true, ok, failed);
    }

    private static byte[] requestHash(byte[] verified) {
        try {
            return JoinRequest.parse(verified).hash();
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a verified join request no longer parses", e);
        }
    }

    /**
     * Confirms every waiting request whose invitation asks for it, if this person is an owner with the workspace
     * open; answers the workspace after the confirmations (unchanged if there were none). A joiner whose key
     * differs from this person's pin is not confirmed: that fails with its blocking alert.
     */
    public void confirmAutomatically(OpenedWorkspace workspace, Consumer<OpenedWorkspace> ok,
                                     Consumer<WorkspaceProblem> failed) {
        joinRequests(workspace, requests -> {
            List<JoinRequestView> automatic = new ArrayList<>();
            for (JoinRequestView request : requests) {
                if (request.autoConfirm()) {
                    automatic.add(request);
                }
            }
            confirmInTurn(workspace, automatic, 0, ok, failed);
        }, failed);
    }

    private void confirmInTurn(OpenedWorkspace workspace, List<JoinRequestView> requests, int index,
                               Consumer<OpenedWorkspace> ok, Consumer<WorkspaceProblem> failed) {
        if (index == requests.size()) {
            ok.accept(workspace);
            return;
        }
        confirmJoin(workspace, requests.get(index), next -> confirmInTurn(next, requests, index + 1, ok, failed),
                failed);
    }

    // --- Members ---------------------------------------------------------------------------------------------

    /**
     * Removes a member (owners): a Remove and a Rotate entry, a fresh epoch key sealed to every remaining member and
     * pending invitee, and the link from the new epoch to the old one, in one request. From then on nothing new is
     * readable by the removed member, and the server refuses them.
     *
     * <p>Removing oneself ({@code member} = this person) is leaving: a Remove entry only. The leaver does not
     * rotate, since a key they made would be known to them; the next owner who opens the workspace rotates
     * ({@link OpenedWorkspace#needsRotation()}).
     * {@code ok} then receives null: the workspace is no longer this person's to open.
     */
    public void remove(OpenedWorkspace workspace, AccountId member, Consumer<OpenedWorkspace> ok,
                       Consumer<WorkspaceProblem> failed) {
        if (member.equals(session.account().accountId())) {
            sendLastEntry(workspace, new EntryBody.Remove(member), () -> ok.accept(null), failed);
            return;
        }
        send(workspace, current -> {
            requireManager(current);
            return rotateAfter(current, new EntryBody.Remove(member));
        }, true, ok, failed);
    }

    /**
     * Rotates the key (owners) without removing anyone: a Rotate entry, the new key sealed to every member and
     * pending invitee, and the link back. For after someone left, since a leaver does not rotate.
     */
    public void rotate(OpenedWorkspace workspace, Consumer<OpenedWorkspace> ok, Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            requireManager(current);
            return rotateAfter(current, null);
        }, true, ok, failed);
    }

    /**
     * A change ({@code change}, unless null) and then a rotation: a new epoch key sealed to everyone the log keeps
     * (members and pending invitees) after the change, never to a key that differs from this browser's pin, and
     * the link back to the old key. A rotation also closes the epoch in which the changed person wrote: the log lets
     * an item of an epoch in from anyone who could write while it was current, so their earlier items stay valid
     * and the new epoch, of which they are not a writer, takes nothing more from them.
     */
    private WorkspaceServer.Append rotateAfter(OpenedWorkspace current, EntryBody change)
            throws WorkspaceProblemException {
        EntryChain chain = new EntryChain(current);
        EpochKey previous = current.currentKey();
        EpochKey next = EpochKey.generate(current.id(), previous.epoch() + 1, session.random());
        if (change != null) {
            chain.add(change);
        }
        MembershipLog after = chain.add(new EntryBody.Rotate(next.epoch(), next.commitment()));
        List<MemberRecord> recipients = new ArrayList<>(after.members());
        recipients.addAll(after.pendingInvitations());
        for (MemberRecord recipient : recipients) {
            if (!recipient.accountId().equals(session.account().accountId())) {
                requireUnchangedKey(recipient.accountId(), recipient.username(), recipient.identity());
            }
        }
        List<byte[]> envelopes = new ArrayList<>();
        for (MemberRecord recipient : recipients) {
            envelopes.add(Envelopes.seal(session, next, recipient.identity()));
        }
        byte[] link = EpochLink.seal(next, previous, session.random()).encode();
        return new WorkspaceServer.Append(chain.entries(), envelopes, List.of(link), null);
    }

    /**
     * Changes a member's role (owners). Taking away the right to write (to viewer) also rotates the key, so that
     * what they wrote before stays valid for every reader: it then lies in an epoch in which they could write.
     */
    public void changeRole(OpenedWorkspace workspace, AccountId member, Role role, Consumer<OpenedWorkspace> ok,
                           Consumer<WorkspaceProblem> failed) {
        send(workspace, current -> {
            requireManager(current);
            EntryBody change = new EntryBody.ChangeRole(member, role);
            MemberRecord before = current.log().member(member).orElse(null);
            if (before != null && before.role().canWrite() && !role.canWrite()) {
                return rotateAfter(current, change);
            }
            EntryChain chain = new EntryChain(current);
            chain.add(change);
            return entriesOnly(chain);
        }, true, ok, failed);
    }
}
