package dev.vellum.client.crdt;

import java.util.ArrayList;
import java.util.List;

/**
 * Remote ops that arrived before what they depend on (their origins, the writer's earlier characters, the
 * characters they delete), as Yjs's pending structs: each waits here and is applied as soon as the rest arrives.
 * Where an op lands does not depend on when it is applied, so waiting changes no replica's final text.
 */
final class PendingOps {
    private final Integrator integrator;
    private final List<TextOp> waiting = new ArrayList<>();

    PendingOps(Integrator integrator) {
        this.integrator = integrator;
    }

    /** Applies ops in any order, duplicates included; those that must wait are kept, and retried after progress. */
    void apply(List<? extends TextOp> ops) {
        boolean progress = false;
        for (TextOp op : ops) {
            if (integrator.tryApply(op)) {
                progress = true;
            } else {
                waiting.add(op);
            }
        }
        while (progress && !waiting.isEmpty()) {
            progress = false;
            for (int i = 0; i < waiting.size(); i++) {
                if (integrator.tryApply(waiting.get(i))) {
                    waiting.remove(i--);
                    progress = true;
                }
            }
        }
    }

    int size() {
        return waiting.size();
    }

    /** A copy of the waiting ops, to carry them over to another copy of the document. */
    List<TextOp> copy() {
        return new ArrayList<>(waiting);
    }
}
