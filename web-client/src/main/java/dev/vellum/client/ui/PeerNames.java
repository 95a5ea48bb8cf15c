package dev.vellum.client.ui;

import dev.vellum.crypto.random.RandomSource;

/** A friendly name and a colour for this tab, as others see it, until accounts bring real names. */
final class PeerNames {
    static final int COLORS = 6;
    private static final String[] ADJECTIVES = {"Amber", "Brisk", "Calm", "Dapper", "Eager", "Gentle", "Jolly",
        "Keen", "Lucid", "Merry", "Nimble", "Quiet", "Sunny", "Witty"};
    private static final String[] ANIMALS = {"Badger", "Crane", "Dolphin", "Falcon", "Fox", "Heron", "Lynx", "Otter",
        "Owl", "Panda", "Robin", "Seal", "Tiger", "Wren"};

    private PeerNames() {
    }

    static String randomName(RandomSource random) {
        byte[] pick = random.randomBytes(2);
        return ADJECTIVES[(pick[0] & 0xff) % ADJECTIVES.length] + " " + ANIMALS[(pick[1] & 0xff) % ANIMALS.length];
    }

    static int randomColor(RandomSource random) {
        return (random.randomBytes(1)[0] & 0xff) % COLORS;
    }
}
