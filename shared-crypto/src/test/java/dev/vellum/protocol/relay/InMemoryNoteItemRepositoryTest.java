package dev.vellum.protocol.relay;

import dev.vellum.protocol.id.NoteId;
import java.util.List;
import java.util.function.LongSupplier;

class InMemoryNoteItemRepositoryTest extends NoteItemRepositoryContract {
    private InMemoryNoteItemRepository repository;

    @Override
    protected NoteItemRepository open(long maxNoteBytes, LongSupplier clock, long retentionMillis) {
        repository = new InMemoryNoteItemRepository(clock, maxNoteBytes, retentionMillis);
        return repository;
    }

    @Override
    protected List<Long> storedRevisions(NoteId noteId) {
        return repository.stored(noteId).stream().map(StoredItem::revision).toList();
    }
}
