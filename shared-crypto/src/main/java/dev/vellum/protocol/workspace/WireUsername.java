package dev.vellum.protocol.workspace;

import dev.vellum.encoding.ByteReader;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import java.nio.charset.StandardCharsets;

/**
 * Reads a username as the workspace formats carry it: a 1-byte length, then the name in its normal form. A name
 * that {@link Username#parse} would first have to normalise is refused, so that one person has one encoding and a
 * signature or hash over it cannot be made to show another spelling.
 */
final class WireUsername {
    private WireUsername() {
    }

    static Username read(ByteReader in) throws InvalidMessageException {
        byte[] raw = in.readBytesWithByteLength(Username.MAX_LENGTH, "username");
        Username username;
        try {
            username = Username.parse(new String(raw, StandardCharsets.US_ASCII));
        } catch (InvalidUsernameException e) {
            throw new InvalidMessageException("a carried username is not valid: " + e.getMessage());
        }
        if (!java.util.Arrays.equals(username.toBytes(), raw)) {
            throw new InvalidMessageException("a carried username is not in its normal form");
        }
        return username;
    }
}
