package dev.vellum.client.crdt;

/** A character identity inside one document, with the replica as an index into the document's replica table. */
record CharRef(int replica, int clock) {
}
