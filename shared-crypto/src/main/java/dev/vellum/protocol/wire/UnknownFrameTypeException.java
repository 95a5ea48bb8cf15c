package dev.vellum.protocol.wire;

import dev.vellum.error.InvalidMessageException;

/** A frame whose type byte names no known frame. */
public final class UnknownFrameTypeException extends InvalidMessageException {
    public UnknownFrameTypeException(int type) {
        super("unknown frame type " + type);
    }
}
