package dev.vellum.client.conformance;

import static dev.vellum.client.conformance.JsValues.failure;
import static dev.vellum.client.conformance.JsValues.identityKeyPair;
import static dev.vellum.client.conformance.JsValues.in;
import static dev.vellum.client.conformance.JsValues.out;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentRecord;
import org.bouncycastle.util.encoders.Hex;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Comment records and batches as {@link ConformanceExports} exports them, so the browser tests can compare what the
 * WebAssembly build reads (strict UTF-8 included) and signs with what the JVM does.
 */
final class CommentConformance {
    private CommentConformance() {
    }

    /** CommentRecord.parse, then verify: the record's {@link #summary}, or the failure's kind. */
    static JSObject check(Int8Array encoded) {
        try {
            CommentRecord record = CommentRecord.parse(in(encoded));
            record.verify();
            return JSString.valueOf(summary(record));
        } catch (InvalidMessageException | InvalidSignatureException e) {
            return failure(e);
        }
    }

    /** The record's draft and certificate signed again with the given author keys: its bytes, or the failure. */
    static JSObject resign(Int8Array encoded, Int8Array signingSeed, Int8Array agreementKey) {
        try {
            CommentRecord record = CommentRecord.parse(in(encoded));
            return out(CommentRecord.sign(record.draft(), identityKeyPair(signingSeed, agreementKey),
                    record.credential()).encode());
        } catch (InvalidMessageException | IllegalArgumentException e) {
            return failure(e);
        }
    }

    /** CommentBatch.parse: its records' summaries, one a line, or the failure's kind. */
    static JSObject batch(Int8Array encoded) {
        try {
            StringBuilder out = new StringBuilder();
            for (CommentRecord record : CommentBatch.parse(in(encoded))) {
                out.append(summary(record)).append('\n');
            }
            return JSString.valueOf(out.toString());
        } catch (InvalidMessageException e) {
            return failure(e);
        }
    }

    /** Every field of a record in one line, the same on the JVM and in the browser. */
    static String summary(CommentRecord record) {
        CommentAnchor anchor = record.anchor();
        return record.type() + "|" + Hex.toHexString(record.noteId().toBytes()) + "|" + record.threadId().toHex()
                + "|" + record.recordId().toHex() + "|" + record.parentId().toHex() + "|" + record.edit() + "|"
                + record.clock() + "|" + record.createdAtMillis() + "|" + record.deleted() + "|" + record.resolved()
                + "|" + (anchor == null ? "-" : Hex.toHexString(anchor.startReplica()) + ":" + anchor.startClock()
                        + ":" + Hex.toHexString(anchor.endReplica()) + ":" + anchor.endClock() + ":" + anchor.quote())
                + "|" + record.text() + "|" + record.authorName() + "|"
                + Hex.toHexString(record.authorKeyId().toBytes()) + "|"
                + (record.credential() == null ? "-" : record.credential().username().value());
    }
}
