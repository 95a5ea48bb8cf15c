package dev.vellum.server.workspace;

import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.Id128;
import dev.vellum.server.account.ApiError;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The form of a sealed note title (SealedTitle v1) as the server checks it before storing: {@code version 1 (1) ||
 * epoch (4) || signer account id (16) || sealed length (2) || sealed || signature (64)}, at most
 * {@link #MAX_BYTES}, signed by the account that sends it, under an epoch the workspace has reached. The server
 * cannot open it; readers verify its signature against the log and open it.
 */
final class SealedTitles {
    static final int MAX_BYTES = 512;
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 1 + 4 + Id128.LENGTH + 2;
    private static final int SIGNATURE_BYTES = 64;

    private SealedTitles() {
    }

    static void check(byte[] title, AccountId sender, int currentEpoch) throws ApiError {
        if (title.length < HEADER_BYTES + SIGNATURE_BYTES || title.length > MAX_BYTES) {
            throw invalid("A sealed title is " + (HEADER_BYTES + SIGNATURE_BYTES) + " to " + MAX_BYTES + " bytes.");
        }
        ByteBuffer in = ByteBuffer.wrap(title);
        if (in.get() != VERSION) {
            throw invalid("A sealed title must be version " + VERSION + ".");
        }
        int epoch = in.getInt();
        if (epoch < 0 || epoch > currentEpoch) {
            throw invalid("A sealed title's epoch must be one the workspace has reached (0 to " + currentEpoch
                    + ").");
        }
        byte[] signer = new byte[Id128.LENGTH];
        in.get(signer);
        if (!Arrays.equals(signer, sender.toBytes())) {
            throw invalid("A sealed title must be signed by the account that sends it.");
        }
        int sealedLength = Short.toUnsignedInt(in.getShort());
        if (HEADER_BYTES + sealedLength + SIGNATURE_BYTES != title.length) {
            throw invalid("A sealed title's length does not match the length it gives.");
        }
    }

    private static ApiError invalid(String message) {
        return ApiError.of(400, "invalid_title", message);
    }
}
