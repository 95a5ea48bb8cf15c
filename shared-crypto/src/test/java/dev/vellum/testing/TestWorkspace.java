package dev.vellum.testing;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedName;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace built on the JVM the way browsers build one, for tests that play members (or a server that lies):
 * people with identity keys, and a log to which each signs entries. Every entry is also appended to a verifying
 * {@link MembershipLog}, so a test that builds an invalid log by mistake fails where it does.
 */
public final class TestWorkspace {
    public final RandomSource random = new JvmSecureRandomSource();
    public final WorkspaceId id = WorkspaceId.random(random);
    public final List<MembershipEntry> entries = new ArrayList<>();
    public final List<EpochKey> epochKeys = new ArrayList<>();
    public final MembershipLog log = MembershipLog.empty(id);
    private long clock = 1_700_000_000_000L;

    /** Someone who can sign entries: an account, a username and an identity key pair. */
    public record Person(AccountId accountId, Username username, IdentityKeyPair identity) {
        public static Person named(String name, RandomSource random) {
            try {
                return new Person(AccountId.random(random), Username.parse(name), IdentityKeyPair.generate(random));
            } catch (InvalidUsernameException e) {
                throw new IllegalArgumentException(e);
            }
        }

        public static Person of(TestAccount account) {
            return new Person(account.accountId, account.username, account.identity);
        }

        public MemberRecord as(Role role) {
            return new MemberRecord(accountId, username, identity.publicIdentity(), role);
        }
    }

    public Person person(String name) {
        return Person.named(name, random);
    }

    /** A workspace created by {@code creator}, with epoch 0's key and the given name. */
    public static TestWorkspace createdBy(Person creator, String name) {
        TestWorkspace workspace = new TestWorkspace();
        EpochKey epoch0 = EpochKey.generate(workspace.id, 0, workspace.random);
        workspace.epochKeys.add(epoch0);
        workspace.append(creator, new EntryBody.Create(creator.as(Role.OWNER),
                SealedName.seal(epoch0, name, workspace.random), epoch0.commitment()));
        return workspace;
    }

    /** Signs {@code body} as the next entry by {@code signer}, and appends it. */
    public MembershipEntry append(Person signer, EntryBody body) {
        MembershipEntry entry = sign(signer, body);
        try {
            log.append(entry);
        } catch (MembershipLogException e) {
            throw new IllegalStateException("the test built an invalid log: " + e.getMessage(), e);
        }
        entries.add(entry);
        return entry;
    }

    /** Signs {@code body} as the next entry by {@code signer}, without appending it (to try it against a log). */
    public MembershipEntry sign(Person signer, EntryBody body) {
        return MembershipEntry.sign(id, log.head(), body, clock++, signer.accountId(), signer.identity());
    }

    /** Invites {@code invitee} by username and has them accept. */
    public void addMember(Person owner, Person invitee, Role role) {
        MembershipEntry invite = append(owner, new EntryBody.Invite(invitee.as(role)));
        append(invitee, new EntryBody.Accept(invite.hash()));
    }

    /** Starts the next epoch with a fresh key. */
    public EpochKey rotate(Person owner) {
        EpochKey next = EpochKey.generate(id, epochKeys.size(), random);
        append(owner, new EntryBody.Rotate(next.epoch(), next.commitment()));
        epochKeys.add(next);
        return next;
    }

    public EpochKey currentKey() {
        return epochKeys.get(epochKeys.size() - 1);
    }

    public long now() {
        return clock;
    }

    public List<byte[]> encodedEntries() {
        List<byte[]> encoded = new ArrayList<>();
        for (MembershipEntry entry : entries) {
            encoded.add(entry.encode());
        }
        return encoded;
    }
}
