package dev.vellum.protocol.workspace;

import dev.vellum.error.VellumCryptoException;

/**
 * This member holds no key for an epoch, nor a chain of epoch links down to it from a key it holds: a member who
 * joined later and whose links were deleted when history was compacted, or one removed before the epoch began, or
 * a server that withholds envelopes or links. What is sealed under that epoch cannot be read here.
 */
public final class MissingEpochKeyException extends VellumCryptoException {
    private final int epoch;

    public MissingEpochKeyException(int epoch, String why) {
        super("no key for epoch " + epoch + ": " + why);
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
