package dev.vellum.client.ui;

import dev.vellum.client.people.PersonName;
import dev.vellum.crypto.random.RandomSource;

/**
 * How people are named and coloured in the editor. A logged-in person is shown by their username, which sync takes
 * only from a verified device certificate; an anonymous visitor picks a random friendly name for the visit, shown
 * with "(no account)" and in italics, so that nobody passes for a user by choosing that user's name. A username
 * that is only claimed so far ({@link PersonName.Proof#CLAIMED}) is in italics too, marked "(unverified)".
 */
final class PeerNames {
    static final int COLORS = 6;
    /** The class that shows an anonymous name apart (italics) wherever it appears. */
    static final String ANONYMOUS_CLASS = "anonymous-name";
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

    /** A logged-in person keeps one colour on every visit and device, so others learn it. */
    static int colorOf(String username) {
        return Math.floorMod(username.hashCode(), COLORS);
    }
}
