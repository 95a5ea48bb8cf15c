package dev.vellum.client.sync;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.aead.JavaXChaCha20Poly1305Arrays;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * One note, its relay, a shared fake clock, and the people who open it, each with an editor and a sync engine:
 * people join, type, deliver what the relay queued for them, go offline, come back and reload. The relay holds each
 * person's frames until the test delivers them, so a test decides the order in which things arrive.
 */
final class SyncRoom {
    /** The local copy as the JVM keeps it: in Java arrays. */
    static final JavaXChaCha20Poly1305Arrays KEPT_COPIES = new JavaXChaCha20Poly1305Arrays(new JvmSecureRandomSource());

    final JvmSecureRandomSource random = new JvmSecureRandomSource();
    final NoteKeys keys = NoteKeys.generate(random);
    final FakeRelay relay;
    final FakeClock clock = new FakeClock(1_000);
    private final List<Person> people = new ArrayList<>();

    SyncRoom() {
        this(new FakeRelay());
    }

    SyncRoom(FakeRelay relay) {
        this.relay = relay;
    }

    /** Someone opens the note anonymously: editor read-only, not connected yet. */
    Person open(String name) {
        return add(new Person(name, Writer.anonymous(new NoteItemCipher(keys, IdentityKeyPair.generate(random),
                random), name, 2)));
    }

    /**
     * A logged-in person opens the note on {@code device}: every visit of the same device writes with the same key
     * and certificate, as the browser does. Not connected yet.
     */
    Person open(Device device) {
        return add(new Person(device.username(), Writer.device(
                new NoteItemCipher(keys, device.key(), device.certificate(), random), 3)));
    }

    /** A workspace member opens a workspace note, writing with {@code writer}, checked by {@code membership}. */
    Person open(String name, Writer writer, WorkspaceMembership membership) {
        return add(new Person(name, writer, membership));
    }

    private Person add(Person person) {
        people.add(person);
        return person;
    }

    /** A new account named {@code username} and its first device, registered by a certificate of its identity. */
    Device newAccountDevice(String username) {
        return new Account(username).newDevice();
    }

    /** An account: its identity key, which certifies each of its devices. */
    final class Account {
        final IdentityKeyPair identity = IdentityKeyPair.generate(random);
        final AccountId id = AccountId.random(random);
        final Username username;

        Account(String username) {
            try {
                this.username = Username.parse(username);
            } catch (dev.vellum.error.InvalidMessageException e) {
                throw new IllegalArgumentException(e);
            }
        }

        Device newDevice() {
            IdentityKeyPair key = IdentityKeyPair.generate(random);
            return new Device(key, DeviceCertificate.issue(identity, id, username, key.publicIdentity(),
                    clock.nowMillis()));
        }
    }

    /** One browser of a logged-in person: its key, kept between visits, and the certificate that names it. */
    record Device(IdentityKeyPair key, DeviceCertificate certificate) {
        String username() {
            return certificate.username().value();
        }
    }

    /** Someone opens the note and connects; what the relay sends waits until delivered. */
    Person join(String name) {
        Person person = open(name);
        person.connect();
        return person;
    }

    /** Delivers every connected person's queued frames, in the order they joined. */
    void deliverAll() {
        for (Person person : people) {
            if (person.client != null) {
                person.deliver();
            }
        }
    }

    final class Person {
        final String name;
        final FakeNoteView view = new FakeNoteView();
        final NoteSync sync;
        FakeRelay.Client client;

        private Person(String name, Writer writer) {
            this(name, writer, null);
        }

        private Person(String name, Writer writer, WorkspaceMembership membership) {
            this.name = name;
            this.sync = new NoteSync(writer, view, ReplicaId.of(random.randomBytes(16)), clock,
                    LocalCopyStore.of(KEPT_COPIES, sealed -> { }), membership);
        }

        FakeRelay.Client connect() {
            client = relay.connect(sync);
            return client;
        }

        void goOffline() {
            relay.disconnect(client);
            client = null;
        }

        void deliver() {
            client.deliverAll();
        }

        String text() {
            return view.text;
        }

        /** Types {@code text} at {@code position} and sends it without waiting for the pacing. */
        void type(int position, String text) {
            typeOnly(position, text);
            sync.flush();
        }

        /** Types {@code text} at {@code position}: sync records it and sends it when its pacing allows. */
        void typeOnly(int position, String text) {
            view.type(position, text);
            sync.onLocalEdit(view.text, view.caret, view.caret);
        }

        /** Replaces the whole text (select all, type), caret at the end, and sends it at once. */
        void replaceAll(String text) {
            view.text = text;
            view.caret = text.length();
            sync.onLocalEdit(view.text, view.caret, view.caret);
            sync.flush();
        }

        /** Deletes the character at {@code position} and sends it at once. */
        void deleteAt(int position) {
            view.text = view.text.substring(0, position) + view.text.substring(position + 1);
            view.caret = position;
            sync.onLocalEdit(view.text, view.caret, view.caret);
            sync.flush();
        }

        /** Selects from {@code start} to {@code end} (the caret, when equal). */
        void select(int start, int end) {
            view.caret = end;
            sync.onSelectionChange(start, end);
        }
    }
}
