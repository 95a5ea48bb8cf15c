package dev.vellum.protocol.workspace;

import dev.vellum.error.InvalidMessageException;

/**
 * This member holds no key for an epoch, nor a chain of epoch links down to it from a key it holds: a member who
 * joined later and whose links were deleted when history was compacted, or one removed before the epoch began, or
 * a server that withholds envelopes or links. What is sealed under that epoch cannot be read here.
 *
 * <p>An {@link InvalidMessageException} so that every reader that already treats an unreadable item as such (skips
 * it, warns) does the same for an item it lacks the key for; readers that can do better (fetch the envelopes and
 * links again) catch this first.
 */
public final class MissingEpochKeyException extends InvalidMessageException {
    private final int epoch;

    public MissingEpochKeyException(int epoch, String why) {
        super("no key for epoch " + epoch + ": " + why);
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
