package dev.vellum.protocol.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.MembershipLogException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's membership log, verified from its first entry, and the state it leads to: members and their roles,
 * pending invitations, invite links, the key epoch and its commitments. The same rules run in every browser and on
 * the server, so a member trusts a member list, or seals a key to anyone, only after checking every entry:
 * <ul>
 *   <li>entry 0 is a {@code Create} signed by its creator, who becomes the first owner at epoch 0;</li>
 *   <li>every later entry follows the one before (sequence + 1, its hash) and is signed by a member whose role
 *       allows the change, with the identity key the log recorded for them (an invitee accepts or declines with
 *       the identity the invitation named);</li>
 *   <li>owners invite, remove, change roles, rotate, make, revoke and confirm invite links, and rename; a member may
 *       remove themselves; a workspace always keeps an owner; a link lets in one person, once, before it expires.</li>
 * </ul>
 * A log that breaks any rule is refused whole ({@link MembershipLogException}); {@link #append} changes nothing
 * unless the entry passes. Not thread-safe.
 */
public final class MembershipLog {
    private final WorkspaceId workspaceId;
    private final List<MembershipEntry> entries = new ArrayList<>();
    private final Map<AccountId, MemberRecord> members = new LinkedHashMap<>();
    private final Map<AccountId, PendingInvitation> pending = new LinkedHashMap<>();
    private final Map<InvitationId, LinkInvitationState> links = new LinkedHashMap<>();
    private final List<byte[]> epochCommitments = new ArrayList<>();
    /** Per epoch, everyone who held a writing role at some point while it was current, with their identity. */
    private final List<Map<AccountId, PublicIdentity>> writersByEpoch = new ArrayList<>();
    /** Every member (any role) with their identity, by epoch: who may comment under that epoch (viewers too). */
    private final List<Map<AccountId, PublicIdentity>> membersByEpoch = new ArrayList<>();
    /** Every identity that was ever an owner: who may have sealed an epoch key to a member. */
    private final List<PublicIdentity> everOwners = new ArrayList<>();
    private SealedName name;

    private record PendingInvitation(MemberRecord invitee, byte[] invitationHash) {
    }

    private MembershipLog(WorkspaceId workspaceId) {
        this.workspaceId = workspaceId;
    }

    /** An empty log, to which only the workspace's {@code Create} entry can be appended. */
    public static MembershipLog empty(WorkspaceId workspaceId) {
        return new MembershipLog(workspaceId);
    }

    /** Verifies {@code entries} from the first, in order. */
    public static MembershipLog verify(WorkspaceId workspaceId, List<MembershipEntry> entries)
            throws MembershipLogException {
        MembershipLog log = new MembershipLog(workspaceId);
        for (MembershipEntry entry : entries) {
            log.append(entry);
        }
        return log;
    }

    /**
     * Rebuilds a log from entries that the caller itself verified in full before storing them (the server's own rows,
     * read back after a restart or a cache miss): every rule and the chain are checked again, the signatures are not,
     * which is what makes rebuilding a long log cheap. A browser never uses this: it trusts no stored copy.
     */
    public static MembershipLog restoreVerified(WorkspaceId workspaceId, List<MembershipEntry> entries)
            throws MembershipLogException {
        MembershipLog log = new MembershipLog(workspaceId);
        for (MembershipEntry entry : entries) {
            log.append(entry, false);
        }
        return log;
    }

    /**
     * An independent copy of this verified log, nothing checked again (everything it holds is immutable but its
     * maps and lists, which are copied): to try entries on without changing this one if they are refused.
     */
    public MembershipLog copy() {
        MembershipLog copy = new MembershipLog(workspaceId);
        copy.entries.addAll(entries);
        copy.members.putAll(members);
        copy.pending.putAll(pending);
        copy.links.putAll(links);
        copy.epochCommitments.addAll(epochCommitments);
        for (Map<AccountId, PublicIdentity> writers : writersByEpoch) {
            copy.writersByEpoch.add(new HashMap<>(writers));
        }
        for (Map<AccountId, PublicIdentity> members : membersByEpoch) {
            copy.membersByEpoch.add(new HashMap<>(members));
        }
        copy.everOwners.addAll(everOwners);
        copy.name = name;
        return copy;
    }

    /** Parses and verifies encoded entries from the first, in order. */
    public static MembershipLog verifyEncoded(WorkspaceId workspaceId, List<byte[]> encoded)
            throws MembershipLogException {
        MembershipLog log = new MembershipLog(workspaceId);
        for (byte[] bytes : encoded) {
            log.append(parseEntry(bytes, log.entries.size()));
        }
        return log;
    }

    /** Parses one encoded entry, naming the position it was found at if it does not parse. */
    public static MembershipEntry parseEntry(byte[] bytes, long position) throws MembershipLogException {
        try {
            return MembershipEntry.parse(bytes);
        } catch (InvalidMessageException e) {
            throw new MembershipLogException(Reason.MALFORMED, position,
                    "entry " + position + " of the membership log is malformed: " + e.getMessage());
        }
    }

    /**
     * Parses and verifies encoded entries from the first, in order, like {@link #verifyEncoded}, but without checking
     * again the signatures of the entries up to {@code verifiedBefore}: a head whose every entry, from the first,
     * this reader checked in full before and kept so that nobody else can forge it (a browser's authenticated
     * record). The entry found at that sequence must hash to it: as each entry's hash covers the whole entry,
     * signature included, and each entry carries its predecessor's hash, the entries up to it are then byte for byte
     * those checked before. Every rule and the chain are checked again for all, every signature after it too.
     * If the entries do not reach that head, or it hashes otherwise there, or anything is refused, the whole log is
     * verified again from the first signature: this never accepts what {@link #verifyEncoded} refuses, and refuses
     * with the same reason.
     */
    public static MembershipLog verifyEncodedAfter(WorkspaceId workspaceId, List<byte[]> encoded,
                                                   LogHead verifiedBefore) throws MembershipLogException {
        long trusted = verifiedBefore.sequence();
        if (trusted < 0 || trusted >= encoded.size()) {
            return verifyEncoded(workspaceId, encoded);
        }
        try {
            MembershipEntry atHead = MembershipEntry.parse(encoded.get((int) trusted));
            if (!Arrays.equals(atHead.hash(), verifiedBefore.entryHash())) {
                return verifyEncoded(workspaceId, encoded);
            }
            MembershipLog log = new MembershipLog(workspaceId);
            for (byte[] bytes : encoded) {
                int position = log.entries.size();
                log.append(parseEntry(bytes, position), position > trusted);
            }
            return log;
        } catch (InvalidMessageException e) { // a MembershipLogException too
            return verifyEncoded(workspaceId, encoded); // on any doubt, every signature again, for the exact reason
        }
    }

    /**
     * Checks {@code entry} against every rule and, only if it passes, applies it.
     *
     * @throws MembershipLogException naming the rule it breaks; the log is then unchanged
     */
    public void append(MembershipEntry entry) throws MembershipLogException {
        append(entry, true);
    }

    private void append(MembershipEntry entry, boolean checkSignature) throws MembershipLogException {
        long position = entries.size();
        if (!entry.workspaceId().equals(workspaceId)) {
            throw new MembershipLogException(Reason.WRONG_WORKSPACE, position,
                    "entry " + position + " belongs to another workspace");
        }
        LogHead head = head();
        if (entry.sequence() != position || !Arrays.equals(entry.previousHash(), head.entryHash())) {
            throw new MembershipLogException(Reason.BROKEN_CHAIN, position, "entry " + entry.sequence()
                    + " does not follow entry " + head.sequence() + " of the membership log");
        }
        PublicIdentity signerIdentity = signerIdentity(entry);
        if (checkSignature) {
            try {
                entry.verifySignature(signerIdentity);
            } catch (InvalidSignatureException e) {
                throw new MembershipLogException(Reason.BAD_SIGNATURE, position,
                        "entry " + position + " carries a signature that does not verify");
            }
        }
        new Rules(entry).apply();
        entries.add(entry);
    }

    /** Who signed {@code entry}, as the log before it records them; refuses anyone it does not know. */
    private PublicIdentity signerIdentity(MembershipEntry entry) throws MembershipLogException {
        if (entry.body() instanceof EntryBody.Create create) {
            if (!entries.isEmpty()) {
                throw notAllowed(entry, "only the first entry may create the workspace");
            }
            return create.creator().identity();
        }
        if (entries.isEmpty()) {
            throw notAllowed(entry, "the first entry must create the workspace");
        }
        MemberRecord member = members.get(entry.signer());
        if (member != null) {
            return member.identity();
        }
        PendingInvitation invitation = pending.get(entry.signer());
        boolean answersOwnInvitation = entry.body() instanceof EntryBody.Accept
                || entry.body() instanceof EntryBody.Decline decline && decline.invitee().equals(entry.signer());
        if (invitation != null && answersOwnInvitation) {
            return invitation.invitee().identity();
        }
        throw notAllowed(entry, "it is signed by an account that is not a member");
    }

    private MembershipLogException notAllowed(MembershipEntry entry, String why) {
        return new MembershipLogException(Reason.NOT_ALLOWED, entry.sequence(), "entry " + entry.sequence()
                + " (" + entry.kind().name().toLowerCase().replace('_', ' ') + ") is not allowed: " + why);
    }

    /** The rule for one entry's kind, checked before anything changes, then applied. */
    private final class Rules {
        private final MembershipEntry entry;
        private final MemberRecord signer;

        Rules(MembershipEntry entry) {
            this.entry = entry;
            this.signer = members.get(entry.signer());
        }

        void apply() throws MembershipLogException {
            EntryBody body = entry.body();
            if (body instanceof EntryBody.Create create) {
                create(create);
            } else if (body instanceof EntryBody.Invite invite) {
                requireOwner("invite");
                requireNewcomer(invite.invitee().accountId());
                pending.put(invite.invitee().accountId(), new PendingInvitation(invite.invitee(), entry.hash()));
            } else if (body instanceof EntryBody.Accept accept) {
                accept(accept);
            } else if (body instanceof EntryBody.Decline decline) {
                if (!pending.containsKey(decline.invitee())) {
                    throw notAllowed(entry, "there is no pending invitation for that account");
                }
                if (!decline.invitee().equals(entry.signer())) {
                    requireOwner("cancel an invitation");
                }
                pending.remove(decline.invitee());
            } else if (body instanceof EntryBody.Remove remove) {
                remove(remove);
            } else if (body instanceof EntryBody.ChangeRole change) {
                changeRole(change);
            } else if (body instanceof EntryBody.Rotate rotate) {
                requireOwner("rotate the key");
                if (rotate.epoch() != currentEpoch() + 1) {
                    throw notAllowed(entry, "the next epoch is " + (currentEpoch() + 1) + ", not " + rotate.epoch());
                }
                startEpoch(rotate.epochCommitment());
            } else if (body instanceof EntryBody.LinkInvite link) {
                requireOwner("make invite links");
                if (links.containsKey(link.invitation())) {
                    throw notAllowed(entry, "that invite link already exists");
                }
                if (!InvitationId.ofLinkKey(link.linkKey()).equals(link.invitation())) {
                    throw notAllowed(entry, "the invitation id is not its link key's");
                }
                if (link.expiresAtMillis() <= entry.createdAtMillis()) {
                    throw notAllowed(entry, "the invite link expires before it is made");
                }
                links.put(link.invitation(), new LinkInvitationState(link.invitation(), entry.signer(),
                        link.linkKey(), link.role(), link.expiresAtMillis(), link.autoConfirm(),
                        LinkInvitationState.Status.OPEN));
            } else if (body instanceof EntryBody.LinkRevoke revoke) {
                requireOwner("revoke invite links");
                LinkInvitationState link = openLink(revoke.invitation());
                links.put(link.invitation(), link.with(LinkInvitationState.Status.REVOKED));
            } else if (body instanceof EntryBody.LinkConfirm confirm) {
                linkConfirm(confirm);
            } else if (body instanceof EntryBody.Rename rename) {
                requireOwner("rename the workspace");
                if (rename.name().epoch() != currentEpoch()) {
                    throw notAllowed(entry, "the name is not sealed under the current epoch");
                }
                name = rename.name();
            }
        }

        private void create(EntryBody.Create create) throws MembershipLogException {
            MemberRecord creator = create.creator();
            if (!creator.accountId().equals(entry.signer()) || creator.role() != Role.OWNER) {
                throw notAllowed(entry, "the creator must sign it and be its owner");
            }
            if (create.name().epoch() != 0) {
                throw notAllowed(entry, "the name must be sealed under epoch 0");
            }
            startEpoch(create.epochCommitment());
            addMember(creator);
            name = create.name();
        }

        private void accept(EntryBody.Accept accept) throws MembershipLogException {
            PendingInvitation invitation = pending.get(entry.signer());
            if (invitation == null || !Arrays.equals(invitation.invitationHash(), accept.invitationHash())) {
                throw notAllowed(entry, "it accepts an invitation that is not pending");
            }
            pending.remove(entry.signer());
            addMember(invitation.invitee());
        }

        private void remove(EntryBody.Remove remove) throws MembershipLogException {
            MemberRecord member = members.get(remove.member());
            if (member == null) {
                throw notAllowed(entry, "that account is not a member");
            }
            if (!remove.member().equals(entry.signer())) {
                requireOwner("remove members");
            }
            if (member.role() == Role.OWNER && ownerCount() == 1) {
                throw notAllowed(entry, "a workspace keeps at least one owner");
            }
            members.remove(remove.member());
        }

        private void changeRole(EntryBody.ChangeRole change) throws MembershipLogException {
            requireOwner("change roles");
            MemberRecord member = members.get(change.member());
            if (member == null) {
                throw notAllowed(entry, "that account is not a member");
            }
            if (member.role() == change.role()) {
                throw notAllowed(entry, "the member already has that role");
            }
            if (member.role() == Role.OWNER && ownerCount() == 1) {
                throw notAllowed(entry, "a workspace keeps at least one owner");
            }
            addMember(member.withRole(change.role()));
        }

        private void linkConfirm(EntryBody.LinkConfirm confirm) throws MembershipLogException {
            requireOwner("confirm joins");
            LinkInvitationState link = openLink(confirm.invitation());
            if (entry.createdAtMillis() > link.expiresAtMillis()) {
                throw notAllowed(entry, "the invite link had expired");
            }
            if (confirm.joiner().role() != link.role()) {
                throw notAllowed(entry, "the joiner's role is not the one the link offers");
            }
            requireNewcomer(confirm.joiner().accountId());
            links.put(link.invitation(), link.with(LinkInvitationState.Status.USED));
            addMember(confirm.joiner());
        }

        private LinkInvitationState openLink(InvitationId invitation) throws MembershipLogException {
            LinkInvitationState link = links.get(invitation);
            if (link == null || link.status() != LinkInvitationState.Status.OPEN) {
                throw notAllowed(entry, "that invite link is not open");
            }
            return link;
        }

        private void requireOwner(String action) throws MembershipLogException {
            if (signer == null || !signer.role().canManage()) {
                throw notAllowed(entry, "only owners may " + action);
            }
        }

        private void requireNewcomer(AccountId account) throws MembershipLogException {
            if (members.containsKey(account) || pending.containsKey(account)) {
                throw notAllowed(entry, "that account is already a member or invited");
            }
        }
    }

    private void startEpoch(byte[] commitment) {
        epochCommitments.add(commitment.clone());
        Map<AccountId, PublicIdentity> writers = new HashMap<>();
        Map<AccountId, PublicIdentity> everyone = new HashMap<>();
        for (MemberRecord member : members.values()) {
            if (member.role().canWrite()) {
                writers.put(member.accountId(), member.identity());
            }
            everyone.put(member.accountId(), member.identity());
        }
        writersByEpoch.add(writers);
        membersByEpoch.add(everyone);
    }

    private void addMember(MemberRecord member) {
        members.put(member.accountId(), member);
        if (member.role().canWrite()) {
            writersByEpoch.get(currentEpoch()).put(member.accountId(), member.identity());
        }
        membersByEpoch.get(currentEpoch()).put(member.accountId(), member.identity());
        if (member.role() == Role.OWNER && !everOwners.contains(member.identity())) {
            everOwners.add(member.identity());
        }
    }

    private int ownerCount() {
        int owners = 0;
        for (MemberRecord member : members.values()) {
            if (member.role() == Role.OWNER) {
                owners++;
            }
        }
        return owners;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    /** The last entry's position and hash; {@link LogHead#EMPTY} before the first. */
    public LogHead head() {
        return entries.isEmpty() ? LogHead.EMPTY : entries.get(entries.size() - 1).head();
    }

    public int length() {
        return entries.size();
    }

    public List<MembershipEntry> entries() {
        return List.copyOf(entries);
    }

    /** The hash of the entry at {@code sequence}, if the log has it. */
    public Optional<byte[]> entryHash(long sequence) {
        if (sequence < 0 || sequence >= entries.size()) {
            return Optional.empty();
        }
        return Optional.of(entries.get((int) sequence).hash());
    }

    /** The key epoch new content must use. */
    public int currentEpoch() {
        return epochCommitments.size() - 1;
    }

    /** What the log committed to as {@code epoch}'s key, if it has reached that epoch. */
    public Optional<byte[]> epochCommitment(int epoch) {
        if (epoch < 0 || epoch >= epochCommitments.size()) {
            return Optional.empty();
        }
        return Optional.of(epochCommitments.get(epoch).clone());
    }

    /** Current members, in the order they joined. */
    public List<MemberRecord> members() {
        return List.copyOf(members.values());
    }

    public Optional<MemberRecord> member(AccountId account) {
        return Optional.ofNullable(members.get(account));
    }

    /** People invited by username who have neither accepted nor declined. */
    public List<MemberRecord> pendingInvitations() {
        List<MemberRecord> invitees = new ArrayList<>();
        for (PendingInvitation invitation : pending.values()) {
            invitees.add(invitation.invitee());
        }
        return invitees;
    }

    /** The hash of the entry that invited {@code account}, which its Accept must name, if it is pending. */
    public Optional<byte[]> pendingInvitationHash(AccountId account) {
        PendingInvitation invitation = pending.get(account);
        return invitation == null ? Optional.empty() : Optional.of(invitation.invitationHash().clone());
    }

    public Optional<LinkInvitationState> linkInvitation(InvitationId invitation) {
        return Optional.ofNullable(links.get(invitation));
    }

    public List<LinkInvitationState> linkInvitations() {
        return List.copyOf(links.values());
    }

    /** The workspace's name as last set, sealed under the epoch it was set in. */
    public SealedName currentName() {
        return name;
    }

    /**
     * Whether an item under {@code epoch} by {@code account}, signing with {@code identity}, may be accepted: the
     * account must have held a writing role, with exactly that identity, at some point while {@code epoch} was (or
     * is) current. So what someone wrote before they left, or before they were made a viewer, stays valid; writing
     * afterwards needs the epoch's key, and removing a writer (or making them a viewer) rotates to a key they never
     * had, whose epoch they are not a writer of.
     */
    public boolean mayWrite(AccountId account, PublicIdentity identity, int epoch) {
        if (epoch < 0 || epoch > currentEpoch()) {
            return false;
        }
        PublicIdentity writer = writersByEpoch.get(epoch).get(account);
        return writer != null && writer.equals(identity);
    }

    /**
     * Whether a comment under {@code epoch} by {@code account}, signing with {@code identity}, may be accepted: as
     * {@link #mayWrite}, but any role will do. Comments do not change the text, and reviewers who may not edit are
     * the main reason to comment (docs/protocol.md, "Comments"); a removed member's later comments need the key of
     * an epoch they were never a member of, as their edits do.
     */
    public boolean mayComment(AccountId account, PublicIdentity identity, int epoch) {
        if (epoch < 0 || epoch > currentEpoch()) {
            return false;
        }
        PublicIdentity member = membersByEpoch.get(epoch).get(account);
        return member != null && member.equals(identity);
    }

    /** Whether {@code identity} was ever an owner here: a sender whose key envelopes a member may open. */
    public boolean wasEverOwner(PublicIdentity identity) {
        return everOwners.contains(identity);
    }

    /**
     * Checks that this log contains the head this browser (or another member) verified before.
     *
     * @throws MembershipLogException with reason {@link Reason#ROLLBACK} if the log is shorter than {@code pinned},
     *     or {@link Reason#FORK} if it holds another entry at the pinned position
     */
    public void checkExtends(LogHead pinned) throws MembershipLogException {
        if (pinned.sequence() < 0) {
            return;
        }
        if (pinned.sequence() >= entries.size()) {
            throw new MembershipLogException(Reason.ROLLBACK, pinned.sequence(), "the server shows "
                    + entries.size() + " membership entries, but " + pinned.length() + " were seen before");
        }
        if (!Arrays.equals(entries.get((int) pinned.sequence()).hash(), pinned.entryHash())) {
            throw new MembershipLogException(Reason.FORK, pinned.sequence(), "entry " + pinned.sequence()
                    + " of the membership log differs from the one seen before");
        }
    }

    /** How a head someone else claims compares with this log. */
    public enum HeadComparison {
        /** This log holds that entry: the claim agrees. */
        KNOWN,
        /** The claim is beyond this log's end: fetch the log again. */
        LATER,
        /** This log holds another entry at that position: someone was shown a different log. */
        FORKED
    }

    public HeadComparison compare(LogHead claimed) {
        if (claimed.sequence() < 0) {
            return HeadComparison.KNOWN;
        }
        if (claimed.sequence() >= entries.size()) {
            return HeadComparison.LATER;
        }
        return Arrays.equals(entries.get((int) claimed.sequence()).hash(), claimed.entryHash())
                ? HeadComparison.KNOWN : HeadComparison.FORKED;
    }
}
