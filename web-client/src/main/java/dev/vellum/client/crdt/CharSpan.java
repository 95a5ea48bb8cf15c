package dev.vellum.client.crdt;

/** The first and the last character of a selection, by identity: what a comment's anchor names. */
record CharSpan(CharId first, CharId last) {
    CharSpan {
        if (first == null || last == null) {
            throw new NullPointerException("a span names its first and its last character");
        }
    }
}
