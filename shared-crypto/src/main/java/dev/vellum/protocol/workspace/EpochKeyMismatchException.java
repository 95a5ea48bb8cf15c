package dev.vellum.protocol.workspace;

import dev.vellum.error.VellumCryptoException;

/**
 * A key offered for an epoch (in an envelope or an epoch link) is not the one the membership log commits to for
 * that epoch: whoever made it is not the owner who rotated, so the key is refused and nothing is sealed or read
 * with it.
 */
public final class EpochKeyMismatchException extends VellumCryptoException {
    private final int epoch;

    public EpochKeyMismatchException(int epoch) {
        this(epoch, "it is not the one the membership log commits to");
    }

    public EpochKeyMismatchException(int epoch, String why) {
        super("the key offered for epoch " + epoch + " is refused: " + why);
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
