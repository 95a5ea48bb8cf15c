package dev.vellum.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteKeys;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final EncryptedRevision revision = new NoteRevisionCipher(keys, random)
            .seal(RevisionHeader.linkShared(keys.noteId(), 3), new byte[] {1, 2, 3});

    @Test
    void publish_roundTrips() throws Exception {
        Frame decoded = FrameCodec.decode(FrameCodec.encode(new Frame.Publish(revision)));

        Frame.Publish publish = assertInstanceOf(Frame.Publish.class, decoded);
        assertArrayEquals(revision.encode(), publish.revision().encode());
    }

    @Test
    void serverFrames_roundTrip() throws Exception {
        assertInstanceOf(Frame.Revision.class, FrameCodec.decode(FrameCodec.encode(new Frame.Revision(revision))));
        assertEquals(new Frame.Accepted(42), FrameCodec.decode(FrameCodec.encode(new Frame.Accepted(42))));
        assertEquals(new Frame.CaughtUp(7), FrameCodec.decode(FrameCodec.encode(new Frame.CaughtUp(7))));
        Frame.Error error = new Frame.Error(ErrorCode.STALE_REVISION, "latest is 9");
        assertEquals(error, FrameCodec.decode(FrameCodec.encode(error)));
    }

    @Test
    void decode_emptyFrame_throws() {
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(new byte[0]));
    }

    @Test
    void decode_unknownType_throwsUnknownFrameType() {
        assertThrows(UnknownFrameTypeException.class, () -> FrameCodec.decode(new byte[] {99, 1, 2}));
    }

    @Test
    void decode_truncatedPublish_throws() {
        byte[] encoded = FrameCodec.encode(new Frame.Publish(revision));
        byte[] truncated = java.util.Arrays.copyOf(encoded, 40);

        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(truncated));
    }

    @Test
    void decode_acceptedWithWrongLength_throws() {
        assertThrows(InvalidMessageException.class, () -> FrameCodec.decode(new byte[] {3, 0, 0}));
    }

    @Test
    void errorCode_unknownNumber_mapsToUnknown() {
        assertEquals(ErrorCode.UNKNOWN, ErrorCode.fromCode(200));
    }
}
