package dev.vellum.protocol.wire;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.protocol.EncryptedRevision;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.Pack;

/**
 * Encodes and parses {@link Frame}s. Layout: {@code type (1) || body}, where the body is
 * <ul>
 *   <li>Publish (1), Revision (2): an {@link EncryptedRevision};</li>
 *   <li>Accepted (3): the revision number, 8 bytes big-endian;</li>
 *   <li>CaughtUp (4): the latest stored revision number, 8 bytes big-endian (0 for a new note);</li>
 *   <li>Presence (5): sealed presence, at most {@value Frame.Presence#MAX_LENGTH} bytes;</li>
 *   <li>Error (127): error code (1), then a UTF-8 message.</li>
 * </ul>
 */
public final class FrameCodec {
    static final int PUBLISH = 1;
    static final int REVISION = 2;
    static final int ACCEPTED = 3;
    static final int CAUGHT_UP = 4;
    static final int PRESENCE = 5;
    static final int ERROR = 127;

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        if (frame instanceof Frame.Publish publish) {
            return withType(PUBLISH, publish.revision().encode());
        } else if (frame instanceof Frame.Revision revision) {
            return withType(REVISION, revision.revision().encode());
        } else if (frame instanceof Frame.Accepted accepted) {
            return withType(ACCEPTED, Pack.longToBigEndian(accepted.revision()));
        } else if (frame instanceof Frame.CaughtUp caughtUp) {
            return withType(CAUGHT_UP, Pack.longToBigEndian(caughtUp.latestRevision()));
        } else if (frame instanceof Frame.Presence presence) {
            return withType(PRESENCE, presence.sealed());
        } else if (frame instanceof Frame.Error error) {
            byte[] message = error.message().getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[1 + message.length];
            body[0] = (byte) error.code().code();
            System.arraycopy(message, 0, body, 1, message.length);
            return withType(ERROR, body);
        }
        throw new IllegalStateException("unhandled frame " + frame.getClass().getName());
    }

    /**
     * @throws UnknownFrameTypeException if the type byte names no frame
     * @throws InvalidMessageException if the body does not fit its type
     */
    public static Frame decode(byte[] bytes) throws InvalidMessageException {
        if (bytes.length == 0) {
            throw new InvalidMessageException("empty frame");
        }
        int type = bytes[0] & 0xff;
        byte[] body = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, body, 0, body.length);
        switch (type) {
            case PUBLISH:
                return new Frame.Publish(EncryptedRevision.parse(body));
            case REVISION:
                return new Frame.Revision(EncryptedRevision.parse(body));
            case ACCEPTED:
                requireLength(body, 8, "accepted");
                return new Frame.Accepted(Pack.bigEndianToLong(body, 0));
            case CAUGHT_UP:
                requireLength(body, 8, "caught-up");
                return new Frame.CaughtUp(Pack.bigEndianToLong(body, 0));
            case PRESENCE:
                if (body.length == 0 || body.length > Frame.Presence.MAX_LENGTH) {
                    throw new InvalidMessageException("presence must be 1 to " + Frame.Presence.MAX_LENGTH + " bytes");
                }
                return new Frame.Presence(body);
            case ERROR:
                if (body.length < 1) {
                    throw new InvalidMessageException("error frame without a code");
                }
                String message = new String(body, 1, body.length - 1, StandardCharsets.UTF_8);
                return new Frame.Error(ErrorCode.fromCode(body[0] & 0xff), message);
            default:
                throw new UnknownFrameTypeException(type);
        }
    }

    private static void requireLength(byte[] body, int expected, String name) throws InvalidMessageException {
        if (body.length != expected) {
            throw new InvalidMessageException(name + " frame body must be " + expected + " bytes, got " + body.length);
        }
    }

    private static byte[] withType(int type, byte[] body) {
        byte[] out = new byte[1 + body.length];
        out[0] = (byte) type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
