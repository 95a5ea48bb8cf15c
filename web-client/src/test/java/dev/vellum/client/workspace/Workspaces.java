package dev.vellum.client.workspace;

import static org.junit.jupiter.api.Assertions.fail;

import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * People with accounts, each with their own browser (session, local storage), sharing one {@link FakeWorkspaceServer}
 * that answers at once, so that every asynchronous call completes before it returns.
 */
final class Workspaces {
    final RandomSource random = new JvmSecureRandomSource();
    final FakeWorkspaceServer server = new FakeWorkspaceServer();
    long now = 1_800_000_000_000L;

    /** One person in their browser. */
    final class Person {
        final UnlockedAccount account;
        final Map<String, String> localStorage = new HashMap<>();
        WorkspaceSession session;

        /** Another browser of the same account: its own local storage and session. */
        Person(Person same) {
            account = same.account;
        }

        Person(String name) {
            try {
                Username username = Username.parse(name);
                AccountId id = AccountId.random(random);
                IdentityKeyPair identity = IdentityKeyPair.generate(random);
                IdentityKeyPair device = IdentityKeyPair.generate(random);
                account = UnlockedAccount.of(username, id, identity, device,
                        DeviceCertificate.issue(identity, id, username, device.publicIdentity(), now));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            server.register(account);
        }

        /** Signs in (again): a new page, with this browser's local storage. */
        Person signIn() {
            session = ok((done, failed) -> WorkspaceSession.start(account, server.as(account), random, () -> now,
                    new LogHeadPins.Storage() {
                        @Override
                        public String get(String key) {
                            return localStorage.get(key);
                        }

                        @Override
                        public void put(String key, String value) {
                            localStorage.put(key, value);
                        }
                    }, text -> Normalizer.normalize(text, Normalizer.Form.NFC), done, failed));
            return this;
        }

        WorkspaceActions actions() {
            return session.actions();
        }

        OpenedWorkspace open(dev.vellum.protocol.id.WorkspaceId id) {
            return ok((done, failed) -> session.open(id, done, failed));
        }

        WorkspaceProblem openFails(dev.vellum.protocol.id.WorkspaceId id) {
            return Workspaces.<OpenedWorkspace>problem((done, failed) -> session.open(id, done, failed));
        }
    }

    Person person(String name) {
        return new Person(name).signIn();
    }

    /** Runs an asynchronous call that must succeed, and answers its result. */
    static <T> T ok(BiConsumer<Consumer<T>, Consumer<WorkspaceProblem>> call) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<WorkspaceProblem> problem = new AtomicReference<>();
        boolean[] answered = new boolean[1];
        call.accept(value -> {
            answered[0] = true;
            result.set(value);
        }, value -> {
            answered[0] = true;
            problem.set(value);
        });
        if (problem.get() != null) {
            fail("expected success, got " + problem.get().kind() + ": " + problem.get().message());
        }
        if (!answered[0]) {
            fail("the call did not answer");
        }
        return result.get();
    }

    /** Runs an asynchronous call that must fail, and answers why. */
    static <T> WorkspaceProblem problem(BiConsumer<Consumer<T>, Consumer<WorkspaceProblem>> call) {
        AtomicReference<WorkspaceProblem> problem = new AtomicReference<>();
        boolean[] succeeded = new boolean[1];
        call.accept(value -> succeeded[0] = true, problem::set);
        if (succeeded[0]) {
            fail("expected a failure, but the call succeeded");
        }
        if (problem.get() == null) {
            fail("the call did not answer");
        }
        return problem.get();
    }
}
