package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.client.sync.PersonName;
import org.junit.jupiter.api.Test;

class PeerNamesTest {
    @Test
    void usernameOfAVouchedAccount_isShownAsItIs() {
        assertEquals("alice", PeerNames.label(PersonName.account("alice")));
    }

    @Test
    void usernameOnlyClaimed_isMarkedUnverified() {
        assertEquals("alice (unverified)", PeerNames.label(PersonName.claimed("alice")));
    }

    @Test
    void anonymousName_isMarkedAsWithoutAccount_evenWhenItLooksLikeAUsername() {
        assertEquals("Amber Fox (no account)", PeerNames.label(PersonName.anonymous("Amber Fox")));
        assertEquals("alice (no account)", PeerNames.label(PersonName.anonymous("alice")));
        assertEquals("Someone (no account)", PeerNames.label(PersonName.anonymous("")));
    }

    @Test
    void aUsersColour_isTheSameOnEveryVisit() {
        assertEquals(PeerNames.colorOf("alice"), PeerNames.colorOf("alice"));
    }
}
