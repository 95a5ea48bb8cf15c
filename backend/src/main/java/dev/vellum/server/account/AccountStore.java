package dev.vellum.server.account;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.JdbcAccountRepository.DeviceStanding;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.account.JdbcAccountRepository.PassphraseChange;
import dev.vellum.server.account.JdbcAccountRepository.SessionStart;
import dev.vellum.server.account.JdbcAccountRepository.SignUpOutcome;
import dev.vellum.server.account.JdbcAccountRepository.StoredCredentials;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The account repository as the event loop uses it: every call runs on the database worker pool and comes back as a
 * future. Checking an authentication key runs there too, with the same work whether the account exists or not.
 */
public final class AccountStore {
    /** Which of an account's two authentication keys a request must prove. */
    public enum Proof { PASSPHRASE, RECOVERY_KEY }

    /** Checks a key against a stored hash: {@link AuthKeyHash#matches}, or a test's counting stand-in. */
    @FunctionalInterface
    interface HashCheck {
        boolean matches(AuthKeyHash hash, AuthKey key);
    }

    /** Decoded on a miss exactly as a stored hash is on a hit, so both paths do the same work. */
    private static final byte[] STAND_IN_HASH = AuthKeyHash.standIn().encode();

    private final JdbcAccountRepository repository;
    private final JdbcSessionRepository sessions;
    private final WorkerExecutor executor;
    private final Clock clock;
    private final HashCheck hashCheck;

    public AccountStore(JdbcAccountRepository repository, JdbcSessionRepository sessions, WorkerExecutor executor,
                        Clock clock) {
        this(repository, sessions, executor, clock, AuthKeyHash::matches);
    }

    AccountStore(JdbcAccountRepository repository, JdbcSessionRepository sessions, WorkerExecutor executor,
                 Clock clock, HashCheck hashCheck) {
        this.repository = repository;
        this.sessions = sessions;
        this.executor = executor;
        this.clock = clock;
        this.hashCheck = hashCheck;
    }

    public Future<byte[]> serverSecret(String name, RandomSource random) {
        return executor.executeBlocking(() -> repository.serverSecret(name, random), false);
    }

    /**
     * The account, if {@code username} has one and {@code key} is its passphrase's (or recovery key's) authentication
     * key. A known and an unknown username take the same steps: one query of the id and the stored hashes (no public
     * key is decoded), one hash decoded (the stand-in's, {@link AuthKeyHash#standIn()}, for an unknown name) and one
     * check, so the answer's timing does not tell whether the name exists. Only after a match is the whole record
     * read.
     */
    public Future<Optional<AccountRecord>> authenticate(Username username, AuthKey key, Proof proof) {
        return executor.executeBlocking(() -> fullRecordIfMatching(repository.credentials(username), key, proof),
                false);
    }

    /** As {@link #authenticate}, for an account known by id (a logged-in person confirming their passphrase). */
    public Future<Optional<AccountRecord>> authenticate(AccountId accountId, AuthKey key) {
        return executor.executeBlocking(() -> fullRecordIfMatching(repository.credentials(accountId), key,
                Proof.PASSPHRASE), false);
    }

    private Optional<AccountRecord> fullRecordIfMatching(Optional<StoredCredentials> stored, AuthKey key,
                                                         Proof proof) throws SQLException {
        byte[] hash = stored.map(found -> proof == Proof.PASSPHRASE ? found.authKeyHash()
                : found.recoveryAuthKeyHash()).orElse(STAND_IN_HASH);
        boolean matches = hashCheck.matches(decode(hash), key);
        if (stored.isEmpty() || !matches) {
            return Optional.empty();
        }
        return repository.findById(stored.get().accountId());
    }

    /** The account's salt, if {@code username} has one; nothing else of the record is read. */
    public Future<Optional<AccountSalt>> salt(Username username) {
        return executor.executeBlocking(() -> repository.salt(username), false);
    }

    private static AuthKeyHash decode(byte[] stored) {
        try {
            return AuthKeyHash.decode(stored);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a stored authentication key hash does not decode", e);
        }
    }

    public Future<Optional<AccountRecord>> findById(AccountId accountId) {
        return executor.executeBlocking(() -> repository.findById(accountId), false);
    }

    public Future<SignUpOutcome> signUp(AccountRecord account, DeviceRecord device, NewSession session) {
        return executor.executeBlocking(() -> repository.signUp(account, device, session, clock.instant()), false);
    }

    public Future<SessionStart> startSession(AccountId accountId, Ed25519PublicKey device, byte[] certificate,
                                               NewSession session, PassphraseChange change) {
        return executor.executeBlocking(() -> repository.startSession(accountId, device, certificate, session,
                change, clock.instant()), false);
    }

    public Future<Optional<ActiveSession>> findSession(SessionToken token) {
        byte[] hash = token.hash();
        return executor.executeBlocking(() -> sessions.findSession(hash, clock.instant()), false);
    }

    public Future<Void> deleteSession(byte[] tokenHash) {
        return executor.executeBlocking(() -> {
            sessions.deleteSession(tokenHash);
            return null;
        }, false);
    }

    /** Deletes the session with this token hash, if there is one, and says whose it was. */
    public Future<Optional<SessionEvents.Ended>> endSession(byte[] tokenHash) {
        return executor.executeBlocking(() -> sessions.endSession(tokenHash), false);
    }

    /** Deletes every session past the idle limit; see {@link JdbcSessionRepository#sweepIdleSessions}. */
    public Future<List<SessionEvents.Ended>> sweepIdleSessions() {
        return executor.executeBlocking(() -> sessions.sweepIdleSessions(clock.instant()), false);
    }

    public Future<Boolean> replaceRecoveryKey(AccountId accountId, byte[] recoveryAuthKeyHash,
                                              byte[] recoveryBundle) {
        return executor.executeBlocking(() -> repository.replaceRecoveryKey(accountId, recoveryAuthKeyHash,
                recoveryBundle), false);
    }

    public Future<List<DeviceRecord>> devices(AccountId accountId) {
        return executor.executeBlocking(() -> repository.devices(accountId), false);
    }

    public Future<Boolean> revokeDevice(AccountId accountId, Ed25519PublicKey device) {
        return executor.executeBlocking(() -> repository.revokeDevice(accountId, device, clock.instant()), false);
    }

    public Future<Void> changePassphrase(AccountId accountId, PassphraseChange change) {
        return executor.executeBlocking(() -> {
            repository.changePassphrase(accountId, change);
            return null;
        }, false);
    }

    public Future<Void> deleteAccount(AccountId accountId) {
        return executor.executeBlocking(() -> {
            repository.deleteAccount(accountId, clock.instant());
            return null;
        }, false);
    }

    public Future<Optional<DeviceStanding>> deviceStanding(Ed25519PublicKey device) {
        return executor.executeBlocking(() -> repository.deviceStanding(device), false);
    }
}
