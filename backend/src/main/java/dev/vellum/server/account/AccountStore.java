package dev.vellum.server.account;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.JdbcAccountRepository.DeviceStanding;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.account.JdbcAccountRepository.PassphraseChange;
import dev.vellum.server.account.JdbcAccountRepository.SessionStart;
import dev.vellum.server.account.JdbcAccountRepository.SignUpOutcome;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
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

    private final JdbcAccountRepository repository;
    private final WorkerExecutor executor;
    private final Clock clock;

    public AccountStore(JdbcAccountRepository repository, WorkerExecutor executor, Clock clock) {
        this.repository = repository;
        this.executor = executor;
        this.clock = clock;
    }

    public Future<byte[]> serverSecret(String name, RandomSource random) {
        return executor.executeBlocking(() -> repository.serverSecret(name, random), false);
    }

    /**
     * The account, if {@code username} has one and {@code key} is its passphrase's (or recovery key's) authentication
     * key. An unknown username is checked against {@link AuthKeyHash#standIn()}: one lookup and one hash either way,
     * so the answer's timing does not tell whether the name exists.
     */
    public Future<Optional<AccountRecord>> authenticate(Username username, AuthKey key, Proof proof) {
        return executor.executeBlocking(() -> {
            Optional<AccountRecord> account = repository.findByUsername(username);
            AuthKeyHash hash = account.isPresent()
                    ? decode(proof == Proof.PASSPHRASE ? account.get().authKeyHash()
                            : account.get().recoveryAuthKeyHash())
                    : AuthKeyHash.standIn();
            boolean matches = hash.matches(key);
            return account.isPresent() && matches ? account : Optional.<AccountRecord>empty();
        }, false);
    }

    /** As {@link #authenticate}, for an account known by id (a logged-in person confirming their passphrase). */
    public Future<Optional<AccountRecord>> authenticate(AccountId accountId, AuthKey key) {
        return executor.executeBlocking(() -> {
            Optional<AccountRecord> account = repository.findById(accountId);
            AuthKeyHash hash = account.isPresent() ? decode(account.get().authKeyHash()) : AuthKeyHash.standIn();
            boolean matches = hash.matches(key);
            return account.isPresent() && matches ? account : Optional.<AccountRecord>empty();
        }, false);
    }

    private static AuthKeyHash decode(byte[] stored) {
        try {
            return AuthKeyHash.decode(stored);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a stored authentication key hash does not decode", e);
        }
    }

    public Future<Optional<AccountRecord>> findByUsername(Username username) {
        return executor.executeBlocking(() -> repository.findByUsername(username), false);
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
        return executor.executeBlocking(() -> repository.findSession(hash, clock.instant()), false);
    }

    public Future<Void> deleteSession(byte[] tokenHash) {
        return executor.executeBlocking(() -> {
            repository.deleteSession(tokenHash);
            return null;
        }, false);
    }

    /** Deletes the session with this token hash, if there is one, and says whose it was. */
    public Future<Optional<SessionEvents.Ended>> endSession(byte[] tokenHash) {
        return executor.executeBlocking(() -> repository.endSession(tokenHash), false);
    }

    /** Deletes every session past the idle limit; see {@link JdbcAccountRepository#sweepIdleSessions}. */
    public Future<List<SessionEvents.Ended>> sweepIdleSessions() {
        return executor.executeBlocking(() -> repository.sweepIdleSessions(clock.instant()), false);
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
