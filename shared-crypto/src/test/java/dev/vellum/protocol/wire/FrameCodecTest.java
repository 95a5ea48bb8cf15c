package dev.vellum.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteItem item = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random)
            .seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, new byte[] {1, 2, 3});

    @Test
    void publish_roundTrips() throws Exception {
        Frame decoded = FrameCodec.decode(FrameCodec.encode(new Frame.Publish(item)));

        Frame.Publish publish = assertInstanceOf(Frame.Publish.class, decoded);
        assertArrayEquals(item.encode(), publish.item().encode());
    }

    @Test
    void serverFrames_roundTrip() throws Exception {
        Frame.Revision revision = assertInstanceOf(Frame.Revision.class,
                FrameCodec.decode(FrameCodec.encode(new Frame.Revision(12, item))));
        assertEquals(12, revision.revision());
        assertArrayEquals(item.encode(), revision.item().encode());
        Frame.Snapshot snapshot = assertInstanceOf(Frame.Snapshot.class,
                FrameCodec.decode(FrameCodec.encode(new Frame.Snapshot(30, item))));
        assertEquals(30, snapshot.revision());
        Frame.HistoryEntry entry = assertInstanceOf(Frame.HistoryEntry.class,
                FrameCodec.decode(FrameCodec.encode(new Frame.HistoryEntry(5, 1_700_000_000_000L, item))));
        assertEquals(5, entry.revision());
        assertEquals(1_700_000_000_000L, entry.storedAtMillis());
        assertEquals(new Frame.HistoryEnd(true), FrameCodec.decode(FrameCodec.encode(new Frame.HistoryEnd(true))));
        assertEquals(new Frame.HistoryEnd(false), FrameCodec.decode(FrameCodec.encode(new Frame.HistoryEnd(false))));
        assertEquals(new Frame.Accepted(42), FrameCodec.decode(FrameCodec.encode(new Frame.Accepted(42))));
        assertEquals(new Frame.CaughtUp(7), FrameCodec.decode(FrameCodec.encode(new Frame.CaughtUp(7))));
        Frame.Error error = new Frame.Error(ErrorCode.CHAIN_CONFLICT, "expected sequence 9");
        assertEquals(error, FrameCodec.decode(FrameCodec.encode(error)));
    }

    @Test
    void decode_emptyFrame_throws() {
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(new byte[0]));
    }

    @Test
    void decode_unknownType_throwsUnknownFrameType() {
        assertThrows(UnknownFrameTypeException.class, () -> FrameCodec.decode(new byte[] {1, 99, 1, 2}));
    }

    @Test
    void decode_truncatedPublish_throws() {
        byte[] encoded = FrameCodec.encode(new Frame.Publish(item));
        byte[] truncated = java.util.Arrays.copyOf(encoded, 40);

        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(truncated));
    }

    @Test
    void history_carriesManyItemsInOrder_andRefusesLengthsThatDoNotFit() throws Exception {
        Frame.History history = new Frame.History(List.of(new Frame.Revision(4, item), new Frame.Revision(5, item)));
        byte[] encoded = FrameCodec.encode(history);

        Frame.History decoded = assertInstanceOf(Frame.History.class, FrameCodec.decode(encoded));
        assertEquals(List.of(4L, 5L), decoded.revisions().stream().map(Frame.Revision::revision).toList());
        assertArrayEquals(item.encode(), decoded.revisions().get(1).item().encode());
        byte[] overlong = encoded.clone();
        overlong[2 + 4 + 8 + 3] = (byte) 0xff; // the first item's length: beyond the frame
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(overlong));
        byte[] miscounted = encoded.clone();
        miscounted[5] = 3; // says three items, holds two
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(miscounted));
    }

    @Test
    void historyRequest_roundTripsAndRefusesOutOfRangeLimits() throws Exception {
        Frame.HistoryRequest request = new Frame.HistoryRequest(100, 20);
        assertEquals(request, FrameCodec.decode(FrameCodec.encode(request)));

        assertThrows(InvalidMessageException.class,
                () -> FrameCodec.decode(new byte[] {1, 6, 0, 0, 0, 0, 0, 0, 0, 9, 0x10, 0}));
        assertThrows(InvalidMessageException.class,
                () -> FrameCodec.decode(new byte[] {1, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5}));
    }

    @Test
    void decode_revisionNumbersOutOfRange_throw() {
        byte[] huge = FrameCodec.encode(new Frame.CaughtUp(Long.MAX_VALUE));
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(huge));
        byte[] negative = FrameCodec.encode(new Frame.CaughtUp(-1));
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(negative));
        byte[] acceptedZero = FrameCodec.encode(new Frame.Accepted(0));
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(acceptedZero));
    }

    @Test
    void decode_revisionNumberZero_throws() {
        byte[] encoded = FrameCodec.encode(new Frame.Revision(1, item));
        encoded[9] = 0; // the revision number's last byte, after the frame version and type

        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(encoded));
    }

    @Test
    void decode_acceptedWithWrongLength_throws() {
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(new byte[] {1, 3, 0, 0}));
    }

    @Test
    void everyFrame_startsWithTheFrameVersionThenItsType() {
        assertArrayEquals(new byte[] {1, 3, 0, 0, 0, 0, 0, 0, 0, 42}, FrameCodec.encode(new Frame.Accepted(42)));
    }

    @Test
    void decode_unknownFrameVersion_throwsUnsupportedVersion() {
        byte[] encoded = FrameCodec.encode(new Frame.Accepted(42));
        encoded[0] = 2;

        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> FrameCodec.decode(encoded));
        assertEquals(2, e.version());
    }

    @Test
    void serverHello_roundTripsAndRefusesLimitsBelowOne() throws Exception {
        Frame.ServerHello hello = new Frame.ServerHello(1 << 20, 40);
        byte[] encoded = FrameCodec.encode(hello);

        assertArrayEquals(new byte[] {1, 11, 0, 0x10, 0, 0, 0, 0, 0, 40}, encoded);
        assertEquals(hello, FrameCodec.decode(encoded));
        assertThrows(InvalidMessageException.class,
                () -> FrameCodec.decode(new byte[] {1, 11, 0, 0x10, 0, 0, 0, 0, 0, 0}));
        assertThrows(InvalidMessageException.class,
                () -> FrameCodec.decode(new byte[] {1, 11, 0, 0x10, 0, 0, 0, 0, 0, 40, 0}));
    }

    @Test
    void workspaceErrorCodes_keepTheirNumbers() {
        assertEquals(ErrorCode.NOT_A_MEMBER, ErrorCode.fromCode(23));
        assertEquals(ErrorCode.READ_ONLY, ErrorCode.fromCode(24));
    }

    @Test
    void errorCode_unknownNumber_mapsToUnknown() {
        assertEquals(ErrorCode.UNKNOWN, ErrorCode.fromCode(200));
    }

    @Test
    void retryAfter_roundTrips_asAnErrorFrameWithCode26_typeAndDelayBeforeTheMessage() throws Exception {
        Frame.RetryAfter retry = new Frame.RetryAfter(Frame.RetryAfter.PUBLISH_TYPE, 1234, "busy");
        byte[] encoded = FrameCodec.encode(retry);

        assertEquals(java.util.List.of(1, 127, 26, 1, 0, 0, 0x04, 0xd2, (int) 'b', (int) 'u', (int) 's', (int) 'y'),
                java.util.stream.IntStream.range(0, encoded.length).map(i -> encoded[i] & 0xff).boxed().toList());
        assertEquals(retry, FrameCodec.decode(encoded));
        assertEquals(ErrorCode.RETRY_AFTER, ErrorCode.fromCode(26));
    }

    @Test
    void retryAfter_withADelayOutOfRange_orAnotherRefusedType_isMalformed() {
        assertThrows(InvalidMessageException.class,
                () -> FrameCodec.decode(new byte[] {1, 127, 26, 1, 0, 0, 0, 0}), "no delay");
        assertThrows(InvalidMessageException.class,
                () -> FrameCodec.decode(new byte[] {1, 127, 26, 1, 0, 0, (byte) 0xea, 0x61}), "60,001 ms");
        assertThrows(InvalidMessageException.class,
                () -> FrameCodec.decode(new byte[] {1, 127, 26, 6, 0, 0, 0, 10}), "a history request");
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(new byte[] {1, 127, 26, 1, 0}));
    }

    @Test
    void aPlainErrorFrame_cannotSayRetryAfter_withoutItsDelay() {
        assertThrows(IllegalArgumentException.class, () -> new Frame.Error(ErrorCode.RETRY_AFTER, "busy"));
        assertEquals(Frame.RetryAfter.CONFIRM_SNAPSHOT_TYPE, ((Frame.RetryAfter) assertInstanceOf(Frame.class,
                new Frame.RetryAfter(12, Frame.RetryAfter.MAX_DELAY_MILLIS, ""))).refusedType());
    }
}
