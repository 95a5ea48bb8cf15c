package dev.vellum.protocol.comment;

import static dev.vellum.testing.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.testing.TestVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * Comment records and batches against {@code testvectors/vellum/comments-v1.json}, which {@code
 * generate-comments.mjs} wrote from the comment design alone with Node's crypto module (fixed keys; Ed25519 is
 * deterministic). Signing the same drafts here must give the same bytes, so the format cannot change unnoticed.
 */
class CommentVectorsTest {
    private static final JsonNode VECTORS = TestVectors.load("vellum/comments-v1.json");

    @Test
    void acceptedRecords_signToTheSameBytes_andParseToTheSameFields() {
        Map<String, IdentityKeyPair> authors = authors();
        List<String> failures = new ArrayList<>();
        for (JsonNode v : VECTORS.get("records")) {
            String tcId = v.get("tcId").asText();
            try {
                byte[] expected = hex(v, "encoded");
                byte[] certificate = hex(v, "certificate");
                DeviceCertificate credential = certificate.length == 0 ? null : DeviceCertificate.parse(certificate);
                CommentDraft draft = draftOf(v);
                CommentRecord signed = CommentRecord.sign(draft, authors.get(v.get("author").asText()), credential);
                if (!Hex.toHexString(signed.encode()).equals(v.get("encoded").asText())) {
                    failures.add(tcId + ": signed to other bytes");
                }
                CommentRecord parsed = CommentRecord.parse(expected);
                parsed.verify();
                if (!parsed.equals(signed) || !sameFields(parsed.draft(), draft) || !equalCredentials(credential,
                        parsed.credential()) || !parsed.author().equals(authors.get(v.get("author").asText())
                        .publicIdentity())) {
                    failures.add(tcId + ": parsed to other fields");
                }
            } catch (Exception | AssertionError e) {
                failures.add(tcId + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(7, VECTORS.get("records").size());
    }

    @Test
    void refusedRecords_failWhereTheVectorSays() {
        List<String> failures = new ArrayList<>();
        for (JsonNode v : VECTORS.get("recordsRefused")) {
            String name = v.get("tcId").asText() + " (" + v.get("reason").asText() + ")";
            boolean atParse = v.get("stage").asText().equals("parse");
            CommentRecord parsed;
            try {
                parsed = CommentRecord.parse(hex(v, "encoded"));
            } catch (InvalidMessageException e) {
                if (!atParse) {
                    failures.add(name + ": refused by parse, not by verify: " + e.getMessage());
                }
                continue;
            }
            if (atParse) {
                failures.add(name + ": parsed");
                continue;
            }
            try {
                parsed.verify();
                failures.add(name + ": verified");
            } catch (InvalidSignatureException expected) {
                // refused where it should be
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(VECTORS.get("recordsRefused").size() >= 50);
    }

    @Test
    void batches_parseToTheirRecords_andEncodeBack() {
        Map<String, byte[]> records = new HashMap<>();
        for (JsonNode v : VECTORS.get("records")) {
            records.put(v.get("tcId").asText(), hex(v, "encoded"));
        }
        List<String> failures = new ArrayList<>();
        for (JsonNode v : VECTORS.get("batches")) {
            String tcId = v.get("tcId").asText();
            try {
                List<CommentRecord> parsed = CommentBatch.parse(hex(v, "encoded"));
                List<CommentRecord> expected = new ArrayList<>();
                for (JsonNode id : v.get("records")) {
                    expected.add(CommentRecord.parse(records.get(id.asText())));
                }
                if (!parsed.equals(expected)
                        || !Hex.toHexString(CommentBatch.encode(parsed)).equals(v.get("encoded").asText())) {
                    failures.add(tcId + ": other records or bytes");
                }
            } catch (Exception e) {
                failures.add(tcId + ": " + e);
            }
        }
        for (JsonNode v : VECTORS.get("batchesRefused")) {
            try {
                CommentBatch.parse(hex(v, "encoded"));
                failures.add("refused " + v.get("tcId").asText() + " (" + v.get("reason").asText() + "): parsed");
            } catch (InvalidMessageException expected) {
                // refused
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    private static Map<String, IdentityKeyPair> authors() {
        Map<String, IdentityKeyPair> authors = new HashMap<>();
        for (JsonNode a : VECTORS.get("authors")) {
            IdentityKeyPair pair = IdentityKeyPair.of(Ed25519PrivateKey.fromSeed(hex(a, "signingSeed")),
                    X25519PrivateKey.fromBytes(hex(a, "agreementPrivate")));
            assertEquals(a.get("signingPublic").asText(),
                    Hex.toHexString(pair.publicIdentity().signingKey().toBytes()));
            assertEquals(a.get("keyId").asText(), Hex.toHexString(IdentityKeyId.of(pair.publicIdentity()).toBytes()));
            authors.put(a.get("name").asText(), pair);
        }
        return authors;
    }

    private static CommentDraft draftOf(JsonNode v) {
        JsonNode a = v.get("anchor");
        CommentAnchor anchor = a.isNull() ? null : new CommentAnchor(hex(a, "startReplica"),
                a.get("startClock").asInt(), hex(a, "endReplica"), a.get("endClock").asInt(), a.get("quote").asText());
        return new CommentDraft(v.get("type").asInt() == 1 ? CommentType.COMMENT : CommentType.THREAD_STATE,
                NoteId.fromBytes(hex(v, "noteId")), CommentId.fromBytes(hex(v, "threadId")),
                CommentId.fromBytes(hex(v, "recordId")), CommentId.fromBytes(hex(v, "parentId")),
                v.get("edit").asInt(), Long.parseLong(v.get("clock").asText()),
                Long.parseLong(v.get("createdAtMillis").asText()), v.get("deleted").asBoolean(),
                v.get("resolved").asBoolean(), anchor, v.get("text").asText(), v.get("authorName").asText());
    }

    private static boolean sameFields(CommentDraft a, CommentDraft b) {
        return a.type() == b.type() && a.noteId().equals(b.noteId()) && a.threadId().equals(b.threadId())
                && a.recordId().equals(b.recordId()) && a.parentId().equals(b.parentId()) && a.edit() == b.edit()
                && a.clock() == b.clock() && a.createdAtMillis() == b.createdAtMillis() && a.deleted() == b.deleted()
                && a.resolved() == b.resolved() && java.util.Objects.equals(a.anchor(), b.anchor())
                && a.text().equals(b.text()) && a.authorName().equals(b.authorName());
    }

    private static boolean equalCredentials(DeviceCertificate a, DeviceCertificate b) {
        return a == null ? b == null : a.equals(b);
    }
}
