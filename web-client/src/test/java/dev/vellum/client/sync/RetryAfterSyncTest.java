package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import org.junit.jupiter.api.Test;

/**
 * An overloaded server answers "retry after N ms": the client waits that long (never longer than its cap), sends the
 * refused item again and then what was typed meanwhile, in order, on the same connection, with nothing lost, nothing
 * stored twice and its author chain unbroken; the person sees "Saving…", and a calm word only if it lasts.
 */
class RetryAfterSyncTest {
    private final SyncRoom room = new SyncRoom();
    private final FakeRelay relay = room.relay;
    private final Person alice = room.open("Alice");
    private final Person bob = room.open("Bob");

    private void bothJoin() {
        alice.connect();
        bob.connect();
        room.deliverAll();
    }

    @Test
    void aRefusedItem_isSentAgainAfterTheWait_thenWhatWasTypedMeanwhile_inOrder_andEveryoneConverges() {
        bothJoin();
        relay.busyPublishes = 2;
        relay.busyDelayMillis = 400;

        alice.type(0, "hello");
        FakeRelay.Client connection = alice.client;
        alice.deliver(); // the first refusal
        alice.typeOnly(5, " world"); // typed while the refused item waits: it waits behind it
        alice.deliver();
        assertEquals(1, relay.publishes, "nothing more goes while the wait runs");
        assertEquals(SyncStatus.SAVING, alice.view.status);
        assertEquals("", alice.view.detail, "no error, no word yet: it has not lasted");

        room.clock.advance(399);
        assertEquals(1, relay.publishes, "not before the wait is over");
        room.clock.advance(1);
        assertEquals(2, relay.publishes, "the same item, at once when the wait is over");
        alice.deliver(); // refused again
        room.clock.advance(400);
        alice.deliver(); // stored; what was typed meanwhile goes next
        room.clock.advance(1_000);
        room.deliverAll();

        assertEquals(2, relay.retryAfters);
        assertEquals(connection, alice.client, "the same connection all along");
        assertEquals(2, storedItems().size(), "\"hello\", then \" world\": each once");
        assertEquals(1, storedItems().get(0).header().sequence());
        assertEquals(2, storedItems().get(1).header().sequence());
        assertEquals(storedItems().get(0).hash(), storedItems().get(1).header().previousHash(), "the chain holds");
        assertEquals("hello world", alice.text());
        assertEquals("hello world", bob.text());
        assertEquals(SyncStatus.SAVED, alice.view.status);
        assertTrue(relay.refusals.isEmpty(), "no other refusal: no chain conflict, no duplicate");
    }

    @Test
    void aWaitThatLasts_saysServerBusyCalmly_andAWaitLongerThanTheCap_isCutToTheCap() {
        bothJoin();
        relay.busyPublishes = 1_000;
        relay.busyDelayMillis = 60_000;

        alice.type(0, "x");
        alice.deliver();
        room.clock.advance(RetryWait.MAX_WAIT_MILLIS - 1);
        assertEquals(1, relay.publishes);
        room.clock.advance(1);
        assertEquals(2, relay.publishes, "a minute asked, 30 s waited");
        alice.deliver();

        assertEquals(SyncStatus.SAVING, alice.view.status, "still saving, never refused");
        assertEquals("server busy, retrying", alice.view.detail);
        assertTrue(alice.sync.hasUnsavedChanges());

        relay.busyPublishes = 0;
        room.clock.advance(RetryWait.MAX_WAIT_MILLIS);
        room.deliverAll();
        assertEquals("x", bob.text());
        assertEquals(SyncStatus.SAVED, alice.view.status);
    }

    @Test
    void aConnectionLostDuringTheWait_sendsTheRefusedEditsAfterTheHistory_once() {
        bothJoin();
        relay.busyPublishes = 1;
        relay.busyDelayMillis = 5_000;
        alice.type(0, "kept");
        alice.deliver();

        alice.goOffline();
        alice.connect();
        room.deliverAll();
        room.clock.advance(10_000); // the old wait, had it not been cancelled, would send now too
        room.deliverAll();

        assertEquals(1, storedItems().stream().filter(item -> item.kind() == NoteItemKind.UPDATE).count(),
                "the refused update once (a snapshot may follow: the version kept after a pause)");
        assertEquals("kept", bob.text());
        assertTrue(relay.refusals.isEmpty());
    }

    private java.util.List<NoteItem> storedItems() {
        return relay.acceptedItems();
    }
}
