package dev.vellum.server.store;

/** One schema change, applied once, in order of {@code version}. */
record Migration(int version, String description, String resource) {
}
