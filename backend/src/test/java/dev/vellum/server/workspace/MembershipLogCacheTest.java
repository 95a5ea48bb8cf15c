package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedName;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.config.WorkspaceLimits;
import dev.vellum.server.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused append leaves the server's verified log in memory as it was: it is not dropped and verified again from
 * its first entry, which would let anyone who may post to a workspace (an editor, even an invitee) make the server
 * check every signature of a long log again for each cheap refused request.
 */
class MembershipLogCacheTest {
    @TempDir
    Path dataDir;

    private final RandomSource random = new JvmSecureRandomSource();
    private final WorkspaceId id = WorkspaceId.fromBytes(random.randomBytes(16));
    private final AccountId alice = AccountId.fromBytes(random.randomBytes(16));
    private final IdentityKeyPair aliceIdentity = IdentityKeyPair.generate(random);
    private Database database;
    private JdbcWorkspaceRepository repository;
    private WorkspaceLogs logs;
    private LogAppender appender;
    private MembershipEntry genesis;

    @BeforeEach
    void storeAWorkspace() throws Exception {
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum"), 2);
        repository = new JdbcWorkspaceRepository(database);
        logs = new WorkspaceLogs(repository);
        appender = new LogAppender(repository, new JdbcInvitations(database), logs, WorkspaceLimits.DEFAULTS,
                Clock.systemUTC());
        EpochKey key = EpochKey.generate(id, 0, random);
        genesis = MembershipEntry.sign(id, LogHead.EMPTY, new EntryBody.Create(new MemberRecord(alice,
                Username.parse("alice"), aliceIdentity.publicIdentity(), Role.OWNER), SealedName.seal(key, "Team",
                random), key.commitment()), System.currentTimeMillis(), alice, aliceIdentity);
        MembershipLog log = MembershipLog.verify(id, List.of(genesis));
        try (Connection connection = repository.connection()) {
            connection.setAutoCommit(false);
            repository.insertWorkspace(connection, id, Instant.now());
            repository.insertEntry(connection, id, 0, genesis.encode());
            repository.updateMembers(connection, id, Map.of(), LogAppender.rows(log));
            repository.advance(connection, id, 0, 1, genesis.hash(), 0);
            connection.commit();
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    private MembershipLog cached() throws Exception {
        try (Connection connection = repository.connection()) {
            return logs.current(connection, repository.workspace(connection, id).orElseThrow());
        }
    }

    @Test
    void aRefusedAppend_keepsTheVerifiedLog_insteadOfVerifyingItAllAgain() throws Exception {
        MembershipLog before = cached();
        // Signed by a member, but not allowed: nobody by that account is a member.
        MembershipEntry refused = MembershipEntry.sign(id, genesis.head(),
                new EntryBody.Remove(AccountId.fromBytes(random.randomBytes(16))), System.currentTimeMillis(),
                alice, aliceIdentity);

        assertThrows(ApiError.class, () -> appender.append(id, alice, List.of(refused.encode()), List.of(),
                List.of(), null));

        MembershipLog after = cached();
        assertSame(before, after);
        assertEquals(1, after.length());
    }

    @Test
    void aBatchRefusedAfterAValidEntry_leavesTheKeptLogWithoutThatEntry() throws Exception {
        MembershipLog before = cached();
        EpochKey next = EpochKey.generate(id, 1, random);
        MembershipEntry rotate = MembershipEntry.sign(id, genesis.head(),
                new EntryBody.Rotate(1, next.commitment()), System.currentTimeMillis(), alice, aliceIdentity);
        MembershipEntry refused = MembershipEntry.sign(id, rotate.head(),
                new EntryBody.Remove(AccountId.fromBytes(random.randomBytes(16))), System.currentTimeMillis(),
                alice, aliceIdentity);

        assertThrows(ApiError.class, () -> appender.append(id, alice, List.of(rotate.encode(), refused.encode()),
                List.of(), List.of(), null));

        MembershipLog after = cached();
        assertSame(before, after);
        assertEquals(1, after.length());
        assertEquals(0, after.currentEpoch());
    }
}
