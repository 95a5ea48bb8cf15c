package dev.vellum.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.FrameMutator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The two parsers that every byte from the network goes through, fed mutations of valid frames and items of every
 * kind with a fixed seed: each input either parses or is refused with one of the protocol's parse exceptions, never
 * another exception or an error such as OutOfMemoryError (a length field that makes the parser allocate).
 */
class FrameDecodeFuzzTest {
    private static final long SEED = 0x5eed_f00dL;
    private static final int FRAME_MUTATIONS = 1_000_000;
    private static final int ITEM_MUTATIONS = 300_000;
    private static final Set<Class<?>> REFUSALS = Set.of(InvalidMessageException.class,
            UnsupportedVersionException.class, UnknownFrameTypeException.class);

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteItemCipher cipher = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
    private final NoteItem update = cipher.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, new byte[] {1, 2, 3});
    private final NoteItem snapshot = cipher.seal(NoteItemKind.SNAPSHOT, 4, 2, update.hash(), new byte[40]);

    /** A valid frame of every type, client and server. */
    private byte[][] validFrames() {
        byte[] sealedPresence = new byte[80];
        random.nextBytes(sealedPresence);
        List<Frame> frames = List.of(
                new Frame.Publish(update),
                new Frame.Publish(snapshot),
                new Frame.Presence(sealedPresence),
                new Frame.HistoryRequest(10, 20),
                new Frame.Revision(3, update),
                new Frame.History(List.of(new Frame.Revision(4, update), new Frame.Revision(5, snapshot))),
                new Frame.Snapshot(6, snapshot),
                new Frame.HistoryEntry(6, 1_700_000_000_000L, snapshot),
                new Frame.HistoryEnd(true),
                new Frame.Accepted(7),
                new Frame.CaughtUp(8),
                new Frame.ServerHello(1 << 20, 50),
                new Frame.Error(ErrorCode.CHAIN_CONFLICT, "expected sequence 9"));
        return frames.stream().map(FrameCodec::encode).toArray(byte[][]::new);
    }

    @Test
    void mutatedFramesOfEveryType_onlyEverParseOrThrowAParseException() {
        FrameMutator mutator = new FrameMutator(SEED);
        byte[][] seeds = validFrames();
        List<String> unexpected = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < FRAME_MUTATIONS; i++) {
            byte[] input = mutator.mutateOneOf(seeds);
            String outcome;
            try {
                outcome = FrameCodec.decode(input).getClass().getSimpleName();
            } catch (Throwable thrown) {
                outcome = thrown.getClass().getSimpleName();
                if (!REFUSALS.contains(thrown.getClass()) && unexpected.size() < 10) {
                    unexpected.add("mutation " + i + ": " + thrown);
                }
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertEquals(List.of(), unexpected);
        assertTrue(outcomes.getOrDefault("InvalidMessageException", 0) > FRAME_MUTATIONS / 4,
                "most mutations should be refused: " + outcomes);
    }

    @Test
    void mutatedItems_onlyEverParseOrThrowAParseException() {
        FrameMutator mutator = new FrameMutator(SEED + 1);
        byte[][] seeds = {update.encode(), snapshot.encode()};
        List<String> unexpected = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < ITEM_MUTATIONS; i++) {
            try {
                NoteItem.parse(mutator.mutateOneOf(seeds));
            } catch (Throwable thrown) {
                refused++;
                if (!REFUSALS.contains(thrown.getClass()) && unexpected.size() < 10) {
                    unexpected.add("mutation " + i + ": " + thrown);
                }
            }
        }
        assertEquals(List.of(), unexpected);
        assertTrue(refused > ITEM_MUTATIONS / 4, "most mutations should be refused: " + refused);
    }
}
