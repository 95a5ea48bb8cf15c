package dev.vellum.protocol.seal;

import dev.vellum.crypto.sign.Ed25519PublicKey;

/**
 * A presence message that opened and whose signatures verified: who sent it, its freshness fields, and the message.
 * Whether it is fresh is for {@link PresenceFreshness} to say.
 *
 * @param author the tab's author key that signed it
 * @param counter the author's presence counter, from 1, one more for each message it sends
 * @param sentAtMillis the sender's clock when it sent the message, milliseconds since 1970
 * @param message the presence message itself
 */
public record OpenedPresence(Ed25519PublicKey author, long counter, long sentAtMillis, byte[] message) {
    public OpenedPresence {
        message = message.clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }
}
