package dev.vellum.protocol.seal;

import dev.vellum.protocol.workspace.LogHead;

/**
 * A note item that opened and whose sealed fields matched its clear ones.
 *
 * @param body the update or snapshot body
 * @param claimedHead for a workspace note, the membership log head its author had verified when writing (sealed
 *     under the author's signature, so the server cannot change it): a reader compares it with its own log to
 *     notice a log it has not seen or a fork; null for a note shared by link
 */
public record OpenedItem(byte[] body, LogHead claimedHead) {
    public OpenedItem {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
