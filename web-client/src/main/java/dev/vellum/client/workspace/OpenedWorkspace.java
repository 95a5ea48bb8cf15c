package dev.vellum.client.workspace;

import dev.vellum.client.keys.MissingNoteKeyException;
import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.LinkInvitationState;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A workspace as this browser verified it, at one moment: the whole membership log checked from genesis (and
 * against the head this browser pinned before: no rollback, no fork), the epoch keys addressed to this person
 * (each checked against the log's epoch commitment, and sent by someone who is or was an owner), the decrypted
 * name, the members with their pins, and the notes with their decrypted and verified titles. Immutable: after a
 * change, {@link WorkspaceSession#open} gives a new one. Made only through {@link WorkspaceSession#open}.
 */
public final class OpenedWorkspace {
    /** What a workspace name that cannot be opened shows. */
    public static final String UNREADABLE_NAME = "(name could not be read)";

    private final WorkspaceSession session;
    private final MembershipLog log;
    private final LogIdentities identities;
    private final EpochKeyring keyring;
    private final MemberRecord me;
    private final boolean pending;
    private final String name;
    private final List<MemberView> members;
    private final List<MemberView> pendingInvitations;
    private final List<LinkInvitationView> linkInvitations;
    private final List<NoteEntry> notes;
    private final List<WorkspaceProblem> warnings;

    private OpenedWorkspace(Builder b) {
        this.session = b.session;
        this.log = b.log;
        this.identities = b.identities;
        this.keyring = b.keyring;
        this.me = b.me;
        this.pending = b.pending;
        this.name = b.name;
        this.members = List.copyOf(b.members);
        this.pendingInvitations = List.copyOf(b.pendingInvitations);
        this.linkInvitations = List.copyOf(b.linkInvitations);
        this.notes = List.copyOf(b.notes);
        this.warnings = List.copyOf(b.warnings);
    }

    /** The parts of an opened workspace while it is being checked. */
    private static final class Builder {
        WorkspaceSession session;
        MembershipLog log;
        LogIdentities identities;
        EpochKeyring keyring;
        MemberRecord me;
        boolean pending;
        String name;
        final List<MemberView> members = new ArrayList<>();
        final List<MemberView> pendingInvitations = new ArrayList<>();
        final List<LinkInvitationView> linkInvitations = new ArrayList<>();
        final List<NoteEntry> notes = new ArrayList<>();
        final List<WorkspaceProblem> warnings = new ArrayList<>();
    }

    /**
     * Checks everything the server sent for one workspace and opens it; pure, so it runs the same on the JVM.
     *
     * @param notes the note list, or null to open only the log, keys and name (the home page's list)
     * @throws WorkspaceProblemException if the log does not verify, rolls back or forks, or does not make this
     *                                   person a member or an invitee
     */
    static OpenedWorkspace build(WorkspaceSession session, WorkspaceId id, List<byte[]> entries,
                                 WorkspaceServer.Keys keys, List<WorkspaceServer.NoteRow> notes)
            throws WorkspaceProblemException {
        Builder b = new Builder();
        b.session = session;
        VerifiedCache.Checked checkedBefore = session.verified().load(id);
        b.log = verifiedLog(session, id, entries, checkedBefore.head());
        b.identities = new LogIdentities(b.log);
        findMe(b, session);
        KeyringLoader.Loaded loaded = KeyringLoader.load(b.log, b.identities, session.account().identity(),
                keys.envelopes(), keys.links());
        b.keyring = loaded.keyring();
        b.warnings.addAll(loaded.refused());
        checkCurrentKey(b);
        b.name = openName(b);
        listPeople(b, session);
        for (LinkInvitationState link : b.log.linkInvitations()) {
            if (link.isOpenAt(session.now())) {
                b.linkInvitations.add(new LinkInvitationView(link.invitation(), link.role(), link.expiresAtMillis(),
                        link.autoConfirm(), link.inviter()));
            }
        }
        List<VerifiedCache.KeptTitle> keptTitles = new ArrayList<>();
        if (notes != null) {
            for (WorkspaceServer.NoteRow row : notes) {
                b.notes.add(NoteTitles.read(b.log, b.identities, b.keyring, id, row, b.warnings, checkedBefore,
                        keptTitles));
            }
            b.notes.sort(Comparator.comparingLong(NoteEntry::updatedAt).reversed());
        }
        // Opened for the home page's list (no notes): the titles kept before stay for the next opening.
        session.verified().save(id, b.log.head(), notes != null ? keptTitles : checkedBefore.titles().values(),
                checkedBefore);
        return new OpenedWorkspace(b);
    }

    /** The log from genesis, signatures up to {@code verifiedBefore} (this browser's own record) not checked again. */
    private static MembershipLog verifiedLog(WorkspaceSession session, WorkspaceId id, List<byte[]> entries,
                                             LogHead verifiedBefore) throws WorkspaceProblemException {
        try {
            MembershipLog log = MembershipLog.verifyEncodedAfter(id, entries, verifiedBefore);
            if (log.length() == 0) {
                throw new MembershipLogException(MembershipLogException.Reason.MALFORMED, 0,
                        "the server sent an empty membership log");
            }
            session.heads().checkAndAdvance(log);
            return log;
        } catch (MembershipLogException e) {
            throw new WorkspaceProblemException(LogProblems.of(e));
        }
    }

    private static void findMe(Builder b, WorkspaceSession session) throws WorkspaceProblemException {
        AccountId myAccount = session.account().accountId();
        PublicIdentity myIdentity = session.account().identity().publicIdentity();
        MemberRecord me = b.log.member(myAccount).orElse(null);
        if (me == null) {
            for (MemberRecord invitee : b.log.pendingInvitations()) {
                if (invitee.accountId().equals(myAccount)) {
                    me = invitee;
                    b.pending = true;
                }
            }
        }
        if (me == null) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.NOT_ALLOWED,
                    "You are not a member of this workspace."));
        }
        if (!me.identity().equals(myIdentity)) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.LOG_INVALID, "The membership log of this "
                    + "workspace records another key for you than your own. Someone put a false key in your name; "
                    + "nothing was sent or opened."));
        }
        b.me = me;
    }

    private static void checkCurrentKey(Builder b) {
        try {
            b.keyring.current();
        } catch (MissingEpochKeyException e) {
            boolean older = false;
            for (int epoch = b.log.currentEpoch() - 1; epoch >= 0 && !older; epoch--) {
                try {
                    b.keyring.forEpoch(epoch);
                    older = true;
                } catch (MissingEpochKeyException missing) {
                    // keep looking
                }
            }
            if (older) {
                b.warnings.add(WorkspaceProblem.of(Kind.OLD_EPOCH_KEY, "The server gave you only an older key of "
                        + "this workspace, not the current one (epoch " + b.log.currentEpoch() + "). You can read "
                        + "what was written before, but nothing new: ask an owner, and reload later."));
            } else {
                b.warnings.add(WorkspaceProblem.of(Kind.NO_KEY, "This browser holds no key of this workspace yet."));
            }
        }
    }

    private static String openName(Builder b) {
        SealedName sealed = b.log.currentName();
        try {
            EpochKey key = b.keyring.forEpoch(sealed.epoch());
            return sealed.open(key);
        } catch (MissingEpochKeyException e) {
            return UNREADABLE_NAME;
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            b.warnings.add(WorkspaceProblem.of(Kind.LOG_INVALID, "The workspace's name does not open with the key "
                    + "the log commits to: it was altered."));
            return UNREADABLE_NAME;
        }
    }

    private static void listPeople(Builder b, WorkspaceSession session) {
        AccountId myAccount = session.account().accountId();
        ContactPins pins = session.contacts();
        for (MemberRecord member : b.log.members()) {
            b.members.add(view(member, false, myAccount, pins, b.warnings));
        }
        for (MemberRecord invitee : b.log.pendingInvitations()) {
            b.pendingInvitations.add(view(invitee, true, myAccount, pins, b.warnings));
        }
        b.members.sort(Comparator.comparing((MemberView m) -> m.role().code())
                .thenComparing(m -> m.username().value()));
        b.pendingInvitations.sort(Comparator.comparing(m -> m.username().value()));
    }

    private static MemberView view(MemberRecord record, boolean pending, AccountId myAccount, ContactPins pins,
                                   List<WorkspaceProblem> warnings) {
        boolean self = record.accountId().equals(myAccount);
        boolean changed = false;
        if (!self) {
            ContactPins.Check check = pins.check(record.accountId(), record.username(), record.identity());
            if (check.changed()) {
                changed = true;
                warnings.add(WorkspaceProblem.keyChanged(check.change()));
            }
        }
        return new MemberView(record.accountId(), record.username(), record.identity(), record.role(), pending, self,
                !self && pins.isVerified(record.accountId(), record.identity()), changed);
    }

    // --- What the UI reads -----------------------------------------------------------------------------------

    public WorkspaceId id() {
        return log.workspaceId();
    }

    /** The decrypted name (NFC, 1 to 100 bytes of UTF-8), or {@link #UNREADABLE_NAME}. */
    public String name() {
        return name;
    }

    /** This person's role: a member's, or for a pending invitation the role offered. */
    public Role myRole() {
        return me.role();
    }

    /** This person is invited and has not accepted yet: they may {@code accept} or {@code decline}, nothing else. */
    public boolean pending() {
        return pending;
    }

    /** This person may create, rename and delete notes and write in them (owner or editor, not pending). */
    public boolean canWrite() {
        return !pending && me.role().canWrite();
    }

    /**
     * Whether this browser holds the current epoch's key. Without it nothing new can be sealed: a server that hands
     * out only an older key (which a removed member also holds) gets a read-only editor, never writing under it.
     */
    public boolean holdsCurrentKey() {
        try {
            keyring.current();
            return true;
        } catch (MissingEpochKeyException e) {
            return false;
        }
    }

    /** This person may invite, remove, change roles, make invite links and rename the workspace (owner). */
    public boolean canManage() {
        return !pending && me.role().canManage();
    }

    /** The members, owners first, then by username. */
    public List<MemberView> members() {
        return members;
    }

    /** The people invited by username who have not accepted or declined yet. */
    public List<MemberView> pendingInvitations() {
        return pendingInvitations;
    }

    /** The invite links that are open (not used, not revoked, not expired). */
    public List<LinkInvitationView> linkInvitations() {
        return linkInvitations;
    }

    /** The notes, most recently changed first (empty when opened for the home page's list). */
    public List<NoteEntry> notes() {
        return notes;
    }

    /**
     * What went wrong without making the workspace unusable: a title that does not verify, a member whose key
     * changed, a key envelope that was refused. Shown to the person; blocking ones ({@link WorkspaceProblem#blocking})
     * in an alert dialog.
     */
    public List<WorkspaceProblem> warnings() {
        return warnings;
    }

    /**
     * Someone who holds the current key is out since the last rotation: a member who left (removed themselves), or
     * an invitee by username who declined or whose invitation was withdrawn (the invitation sealed the current key
     * to them). An owner's browser then rotates it (see {@link WorkspaceSession#open}).
     */
    public boolean needsRotation() {
        boolean needed = false;
        for (MembershipEntry entry : log.entries()) {
            if (entry.body() instanceof EntryBody.Remove remove
                    && remove.member().equals(entry.signer()) || entry.body() instanceof EntryBody.Decline) {
                needed = true;
            } else if (entry.body() instanceof EntryBody.Rotate) {
                needed = false;
            }
        }
        return needed;
    }

    /** The current key epoch (0 at creation; one more after each removal). */
    public int currentEpoch() {
        return log.currentEpoch();
    }

    /**
     * A note of this workspace, to open in the editor with keys from the workspace's epoch keys.
     *
     * @throws MissingNoteKeyException if this person holds no key (a pending invitee, say) or the note is not listed
     */
    public WorkspaceNote note(NoteId noteId) throws MissingNoteKeyException {
        if (pending) {
            throw new MissingNoteKeyException("accept the invitation to open this workspace's notes");
        }
        for (NoteEntry entry : notes) {
            if (entry.noteId().equals(noteId)) {
                return new WorkspaceNote(this, entry);
            }
        }
        throw new MissingNoteKeyException("this workspace has no such note");
    }

    // --- For the actions and the editor ----------------------------------------------------------------------

    WorkspaceSession session() {
        return session;
    }

    MembershipLog log() {
        return log;
    }

    LogIdentities identities() {
        return identities;
    }

    EpochKeyring keyring() {
        return keyring;
    }

    MemberRecord me() {
        return me;
    }

    /** The current epoch's key, needed to seal anything new. */
    EpochKey currentKey() throws WorkspaceProblemException {
        try {
            return keyring.current();
        } catch (MissingEpochKeyException e) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(Kind.NO_KEY, "This browser does not hold the "
                    + "current key of this workspace, so it cannot write anything new in it. Reload later, or ask an "
                    + "owner."));
        }
    }

    MemberView member(AccountId account) {
        for (MemberView member : members) {
            if (member.accountId().equals(account)) {
                return member;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "OpenedWorkspace[" + log.workspaceId() + ", " + log.length() + " entries]";
    }
}
