package dev.vellum.server.ws;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.wire.CompactRevisions;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relayed revisions of one connection whose reader asked for compact ones ({@code compact=1}): each goes out
 * without what this reader already holds ({@link CompactRevisions}). Called in the order frames are queued for the
 * reader, so that what a compact revision leaves out is what the reader was sent before it. Not thread-safe: the
 * connection's own context only.
 */
final class CompactRelayedRevisions {
    private static final Logger LOG = LoggerFactory.getLogger(CompactRelayedRevisions.class);

    private final NoteId noteId;
    private final CompactRevisions state = new CompactRevisions();

    CompactRelayedRevisions(NoteId noteId) {
        this.noteId = noteId;
    }

    /** A relayed Revision frame in compact form; any other frame as it is (the reader takes full ones too). */
    Buffer compacted(Buffer frame) {
        try {
            if (FrameCodec.decode(frame.getBytes()) instanceof Frame.Revision revision) {
                return Buffer.buffer(state.encode(revision.revision(), revision.item()));
            }
        } catch (InvalidMessageException e) {
            // Cannot happen (this server made the frame); a compact reader reads a full one as well.
            LOG.warn("a relayed frame of note {} did not parse: {}", noteId, e.getMessage());
        }
        return frame;
    }
}
