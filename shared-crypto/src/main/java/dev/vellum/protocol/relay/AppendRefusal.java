package dev.vellum.protocol.relay;

import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;

/** The error frame a publisher gets when the relay does not store its item, with the same words from every relay. */
public final class AppendRefusal {
    private AppendRefusal() {
    }

    /**
     * @param result anything but {@link AppendResult.Stored}
     * @throws IllegalArgumentException if the item was stored: that is answered with {@link Frame.Accepted}
     */
    public static Frame.Error frameFor(AppendResult result) {
        if (result instanceof AppendResult.ChainConflict conflict) {
            return new Frame.Error(ErrorCode.CHAIN_CONFLICT, "expected sequence " + conflict.expectedSequence()
                    + " from this author, chained to their last stored item");
        }
        if (result instanceof AppendResult.SnapshotBeyondHistory beyond) {
            return new Frame.Error(ErrorCode.INVALID_SNAPSHOT,
                    "the note's latest revision is " + beyond.latestRevision());
        }
        if (result instanceof AppendResult.NoteTooLarge tooLarge) {
            return new Frame.Error(ErrorCode.NOTE_TOO_LARGE, "the note would hold " + tooLarge.sizeAfter()
                    + " bytes, more than this server's limit of " + tooLarge.maxNoteBytes()
                    + "; a snapshot covering its updates makes room");
        }
        throw new IllegalArgumentException("not a refusal: " + result);
    }
}
