package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateHash;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot must hold every comment record of the items it covers, or a later one: one that drops a comment, rolls
 * it back to an earlier edit or brings back an earlier thread state is found out, however right its text.
 */
class SnapshotAuditCommentsTest {
    private static final IdentityKeyId AUTHOR = IdentityKeyId.fromBytes(new byte[] {
            42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    private final CommentFixtures comments = new CommentFixtures();
    private final TextDocument writer = new TextDocument(ReplicaId.of(new byte[] {1}));
    private final SnapshotAudit audit = new SnapshotAudit();
    private final AuthorChains chains = new AuthorChains();

    /** The author's next item, with these ops and comment records. */
    private void item(List<TextOp> ops, CommentRecord... records) {
        long sequence = chains.head(AUTHOR) == null ? 1 : chains.head(AUTHOR).sequence() + 1;
        UpdateHash hash = hash((int) sequence);
        audit.record(AUTHOR, sequence, hash, ops, List.of(records));
        chains.advance(AUTHOR, sequence, hash);
    }

    private SnapshotAudit.Verdict check(CommentRecord... carried) {
        return audit.check(new SnapshotBody(0, "Someone", chains.copy(), new ServedItems(), List.of(carried),
                writer.encodeState()));
    }

    @Test
    void aSnapshotHoldingEveryCurrentRecord_matches_andOneHoldingMoreStillDoes() {
        item(List.of(writer.insert(0, "hello")));
        CommentRecord post = comments.post("nice");
        item(List.of(), post);
        CommentRecord resolved = comments.resolve();
        item(List.of(), resolved);

        assertEquals(SnapshotAudit.Verdict.MATCHES, check(post, resolved));
        CommentRecord second = comments.post("second thread");
        item(List.of(), second);
        assertEquals(SnapshotAudit.Verdict.MATCHES, check(post, resolved, second, comments.edit(post, "nicer")),
                "a record signed by its author that this reader lacks only adds");
    }

    @Test
    void aSnapshotThatDropsAComment_differs() {
        item(List.of(writer.insert(0, "hello")));
        CommentRecord post = comments.post("nice");
        item(List.of(), post);

        assertEquals(SnapshotAudit.Verdict.COMMENTS_DIFFER, check());
    }

    @Test
    void aSnapshotThatRollsACommentBackToAnEarlierEdit_differs() {
        item(List.of(writer.insert(0, "hello")));
        CommentRecord post = comments.post("first words");
        item(List.of(), post);
        item(List.of(), comments.edit(post, "what I meant"));

        assertEquals(SnapshotAudit.Verdict.COMMENTS_DIFFER, check(post));
    }

    @Test
    void aSnapshotThatBringsBackAnEarlierThreadState_differs_evenIfTheLaterCameInAnEarlierSnapshot() {
        item(List.of(writer.insert(0, "hello")));
        CommentRecord post = comments.post("done?");
        CommentRecord resolved = comments.resolve();
        item(List.of(), post, resolved);
        CommentRecord reopened = comments.reopen();
        item(List.of(), reopened);
        assertEquals(SnapshotAudit.Verdict.MATCHES, check(post, reopened));

        item(List.of(writer.insert(5, "!")));
        assertEquals(SnapshotAudit.Verdict.COMMENTS_DIFFER, check(post, resolved),
                "the shadow still knows the thread was reopened, from the items the first snapshot covered");
    }

    @Test
    void aSnapshotWhoseTextDiffers_isReportedAsSuch_first() {
        item(List.of(writer.insert(0, "hello")));
        item(List.of(), comments.post("nice"));
        TextDocument forged = new TextDocument(ReplicaId.of(new byte[] {2}));
        forged.insert(0, "jello");

        assertEquals(SnapshotAudit.Verdict.DIFFERS, audit.check(new SnapshotBody(0, "Someone", chains.copy(),
                new ServedItems(), List.of(), forged.encodeState())));
    }

    private static UpdateHash hash(int seed) {
        byte[] bytes = new byte[UpdateHash.LENGTH];
        bytes[0] = (byte) seed;
        return UpdateHash.fromBytes(bytes);
    }
}
