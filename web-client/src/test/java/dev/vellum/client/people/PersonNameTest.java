package dev.vellum.client.people;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PersonNameTest {
    @Test
    void usernameOfAVouchedAccount_readsAsItIs() {
        assertEquals("alice", PersonName.account("alice").label());
    }

    @Test
    void usernameOnlyClaimed_isMarkedUnverified() {
        assertEquals("alice (unverified)", PersonName.claimed("alice").label());
    }

    @Test
    void anonymousName_isMarkedAsWithoutAccount_evenWhenItLooksLikeAUsername() {
        assertEquals("Amber Fox (no account)", PersonName.anonymous("Amber Fox").label());
        assertEquals("alice (no account)", PersonName.anonymous("alice").label());
        assertEquals("Someone (no account)", PersonName.anonymous("").label());
    }
}
