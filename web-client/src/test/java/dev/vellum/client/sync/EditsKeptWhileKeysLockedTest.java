package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.sync.SyncRoom.Device;
import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.protocol.item.NoteItem;
import org.junit.jupiter.api.Test;

/**
 * What the note editor relies on when a logged-in person's keys cannot be opened (the session could not be checked
 * offline): a tab that never connects keeps what they type in the local copy, which is sealed under the note's
 * local-copy key and holds unsent ops, not items, so no author key signs anything; the next visit as their device
 * sends those edits signed by the device, with its certificate.
 */
class EditsKeptWhileKeysLockedTest {
    private final SyncRoom room = new SyncRoom();
    private final Device alice = room.newAccountDevice("alice");

    @Test
    void editsTypedWhileTheKeysAreLocked_stayUnsent_andGoOutSignedByTheDeviceOnceItOpens() {
        Person before = room.open(alice);
        before.connect();
        before.deliver();
        before.type(0, "list");
        before.deliver();
        before.goOffline(); // the tab is reloaded: it is gone
        int publishedBefore = room.relay.publishes;

        // The reload that cannot open the keys: as EditorView does, a writer only to keep the copy, never connected.
        Person locked = room.open("alice");
        assertTrue(locked.sync.restoreLocalState(before.sync.exportLocalState(SyncRoom.KEPT_COPIES),
                SyncRoom.KEPT_COPIES));
        locked.typeOnly(4, " and more");
        room.clock.advance(60_000);
        assertFalse(locked.sync.flush(), "nothing is sent without a connection");
        assertEquals(publishedBefore, room.relay.publishes);
        assertTrue(locked.sync.hasUnsavedChanges());

        // The keys open: the page reloads as the device, from the copy the locked tab kept.
        Person unlocked = room.open(alice);
        assertTrue(unlocked.sync.restoreLocalState(locked.sync.exportLocalState(SyncRoom.KEPT_COPIES),
                SyncRoom.KEPT_COPIES));
        unlocked.connect();
        unlocked.deliver();
        unlocked.sync.flush();
        unlocked.deliver();

        assertFalse(unlocked.sync.hasUnsavedChanges());
        NoteItem last = room.relay.stored(room.relay.storedCount() - 1).item();
        assertNotNull(last.credential(), "sent as the person, not anonymously");
        assertEquals(alice.key().publicIdentity(), last.credential().device());
        Person reader = room.join("Amber Fox");
        reader.deliver();
        assertEquals("list and more", reader.text());
    }
}
