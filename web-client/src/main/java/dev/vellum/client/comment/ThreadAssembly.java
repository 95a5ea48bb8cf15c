package dev.vellum.client.comment;

import dev.vellum.client.crdt.AnchoredRange;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.CommentId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the threads the panel shows from the merged records: in text order (by where their anchored text is now),
 * detached threads after them in the order they were started, each thread's comments in reply order. A thread whose
 * every comment was deleted is gone. All anchors are located in one walk over the text. It never changes the
 * records.
 */
final class ThreadAssembly {
    private final MergedComments merged;
    private final CommentOwner self;
    private final CommentAuthors authors;
    /** Comments in the order they were posted: Lamport clock of their first version held, then id. */
    private final Comparator<CommentRecord> byPosting;

    ThreadAssembly(MergedComments merged, CommentOwner self, CommentAuthors authors) {
        this.merged = merged;
        this.self = self;
        this.authors = authors;
        this.byPosting = Comparator.<CommentRecord>comparingLong(record -> postedClock(record))
                .thenComparing((a, b) -> RecordOrder.compareUnsigned(a.recordId().toBytes(), b.recordId().toBytes()));
    }

    List<CommentThread> threads(TextDocument document) {
        Map<CommentId, List<CommentRecord>> replies = new HashMap<>();
        List<CommentRecord> starts = new ArrayList<>();
        for (CommentRecord comment : merged.comments()) {
            if (comment.startsThread()) {
                starts.add(comment);
            } else {
                replies.computeIfAbsent(comment.parentId(), id -> new ArrayList<>()).add(comment);
            }
        }
        starts.sort(byPosting);
        List<CommentAnchor> anchors = new ArrayList<>(starts.size());
        for (CommentRecord start : starts) {
            anchors.add(start.anchor());
        }
        List<AnchoredRange> ranges = document.locateAll(anchors);
        List<CommentThread> attached = new ArrayList<>();
        List<CommentThread> detached = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            List<CommentRecord> inOrder = replyOrder(starts.get(i), replies);
            if (allDeleted(inOrder)) {
                continue;
            }
            CommentRecord start = starts.get(i);
            CommentThread thread = new CommentThread(start.threadId(), ranges.get(i), start.anchor().quote(),
                    merged.resolved(start.threadId()), views(inOrder));
            (thread.detached() ? detached : attached).add(thread);
        }
        // Stable sort: threads at the same place stay in the order they were started.
        attached.sort(Comparator.<CommentThread>comparingInt(thread -> thread.range().start())
                .thenComparingInt(thread -> thread.range().end()));
        attached.addAll(detached);
        return attached;
    }

    /** How many threads are neither resolved nor entirely deleted. */
    int openThreadCount() {
        Map<CommentId, Boolean> living = new HashMap<>();
        for (CommentRecord comment : merged.comments()) {
            if (!comment.deleted()) {
                living.put(comment.threadId(), true);
            }
        }
        int open = 0;
        for (CommentId threadId : living.keySet()) {
            CommentRecord start = merged.comment(threadId);
            if (start != null && start.startsThread() && !merged.resolved(threadId)) {
                open++;
            }
        }
        return open;
    }

    /** The thread's comments depth first: each comment, then the replies to it in the order they were posted. */
    private List<CommentRecord> replyOrder(CommentRecord start, Map<CommentId, List<CommentRecord>> replies) {
        List<CommentRecord> ordered = new ArrayList<>();
        Deque<CommentRecord> toVisit = new ArrayDeque<>();
        toVisit.push(start);
        while (!toVisit.isEmpty()) {
            CommentRecord comment = toVisit.pop();
            ordered.add(comment);
            List<CommentRecord> answers = replies.get(comment.recordId());
            if (answers != null) {
                answers.sort(byPosting.reversed());
                for (CommentRecord answer : answers) {
                    toVisit.push(answer);
                }
            }
        }
        return ordered;
    }

    private static boolean allDeleted(List<CommentRecord> comments) {
        for (CommentRecord comment : comments) {
            if (!comment.deleted()) {
                return false;
            }
        }
        return true;
    }

    private List<CommentView> views(List<CommentRecord> comments) {
        List<CommentView> views = new ArrayList<>(comments.size());
        for (CommentRecord comment : comments) {
            MergedComments.Posted posted = merged.posted(comment.recordId());
            boolean edited = !comment.deleted() && comment.edit() > 0;
            views.add(new CommentView(comment.recordId(), comment.parentId(), comment.authorKeyId(),
                    authors.nameOf(comment.credential(), comment.authorName()), comment.text(), comment.deleted(),
                    edited, posted.atMillis(), self.owns(comment)));
        }
        return views;
    }

    private long postedClock(CommentRecord comment) {
        return merged.posted(comment.recordId()).clock();
    }
}
