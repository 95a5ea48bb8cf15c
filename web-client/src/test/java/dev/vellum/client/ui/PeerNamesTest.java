package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PeerNamesTest {
    @Test
    void aUsersColour_isTheSameOnEveryVisit_andInThePalette() {
        int color = PeerNames.colorOf("alice");
        assertEquals(color, PeerNames.colorOf("alice"));
        assertEquals(color, Math.floorMod(color, PeerNames.COLORS));
    }
}
