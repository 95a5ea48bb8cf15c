package dev.vellum.protocol.relay;

import dev.vellum.protocol.id.NoteId;
import java.util.List;

class InMemoryNoteItemRepositoryTest extends NoteItemRepositoryContract {
    private InMemoryNoteItemRepository repository;

    @Override
    protected NoteItemRepository open(long maxNoteBytes) {
        repository = new InMemoryNoteItemRepository(System::currentTimeMillis, maxNoteBytes);
        return repository;
    }

    @Override
    protected List<Long> storedRevisions(NoteId noteId) {
        return repository.stored(noteId).stream().map(StoredItem::revision).toList();
    }
}
