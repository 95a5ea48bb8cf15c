package dev.vellum.client.ui;

import dev.vellum.protocol.id.CommentId;

/** An open thread's anchored range as the highlights draw it: UTF-16 offsets in the editor's text, end exclusive. */
record CommentMark(int start, int end, CommentId thread) {
    boolean contains(int offset) {
        return start <= offset && offset <= end;
    }

    /** The mark after the text changed by {@code shift}; null once its every character is gone. */
    CommentMark shifted(TextShift shift) {
        int newStart = shift.start(start);
        int newEnd = shift.end(end);
        return newStart < newEnd ? new CommentMark(newStart, newEnd, thread) : null;
    }
}
