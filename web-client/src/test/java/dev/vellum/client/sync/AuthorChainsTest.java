package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthorChainsTest {
    private static final IdentityKeyId ALICE = IdentityKeyId.fromBytes(filled(1, 16));
    private static final UpdateHash FIRST = UpdateHash.fromBytes(filled(7, 32));

    @Test
    void eachItemIsJudgedAgainstItsAuthorsLast() {
        AuthorChains chains = new AuthorChains();
        assertEquals(AuthorChains.Verdict.NEXT, chains.check(header(1, UpdateHash.NONE)));
        chains.advance(ALICE, 1, FIRST);

        assertEquals(AuthorChains.Verdict.NEXT, chains.check(header(2, FIRST)));
        assertEquals(AuthorChains.Verdict.BROKEN, chains.check(header(2, UpdateHash.fromBytes(filled(8, 32)))));
        assertEquals(AuthorChains.Verdict.REPLAY, chains.check(header(1, UpdateHash.NONE)));
        assertEquals(AuthorChains.Verdict.GAP, chains.check(header(4, UpdateHash.fromBytes(filled(9, 32)))));
    }

    @Test
    void encoding_roundTrips_andAnAuthorListedTwice_isRefused() throws Exception {
        AuthorChains chains = new AuthorChains();
        chains.advance(ALICE, 3, FIRST);
        byte[] encoded = chains.encode();

        AuthorChains decoded = AuthorChains.decode(encoded);
        assertEquals(new AuthorChains.Head(3, FIRST), decoded.head(ALICE));
        assertEquals(encoded.length, decoded.encodedLength());

        byte[] twice = new byte[4 + 2 * 56];
        twice[3] = 2;
        System.arraycopy(encoded, 4, twice, 4, 56);
        System.arraycopy(encoded, 4, twice, 60, 56);
        assertThrows(InvalidMessageException.class, () -> AuthorChains.decode(twice));
        byte[] overcounted = encoded.clone();
        overcounted[3] = 9;
        assertThrows(InvalidMessageException.class, () -> AuthorChains.decode(overcounted));
    }

    private static UpdateHeader header(long sequence, UpdateHash previous) {
        return new UpdateHeader(WorkspaceId.LINK_SHARED, NoteId.fromBytes(filled(2, 16)), 0, ALICE, sequence,
                previous);
    }

    private static byte[] filled(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
