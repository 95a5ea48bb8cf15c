package dev.vellum.crypto.hpke;

import static dev.vellum.testing.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.testing.TestVectors;
import org.junit.jupiter.api.Test;

/** RFC 9180 appendix A.2 (base A.2.1 and auth A.2.3), sender and receiver sides, every listed value. */
class HpkeRfc9180Test {
    @Test
    void everyValueOfBaseAndAuthSetups() throws Exception {
        JsonNode setups = TestVectors.load("rfc/rfc9180-hpke-x25519-sha256-chacha20poly1305.json").get("tests");
        assertEquals(2, setups.size());
        for (JsonNode v : setups) {
            int mode = v.get("mode").asInt();
            assertEquals(HpkeSuite.KEM_ID, v.get("kemId").asInt());
            assertEquals(HpkeSuite.KDF_ID, v.get("kdfId").asInt());
            assertEquals(HpkeSuite.AEAD_ID, v.get("aeadId").asInt());

            X25519PrivateKey ephemeral = Dhkem.deriveKeyPair(hex(v, "ikmE"));
            X25519PrivateKey recipient = Dhkem.deriveKeyPair(hex(v, "ikmR"));
            assertArrayEquals(hex(v, "skEm"), ephemeral.exportBytes(KeyAccess.get()));
            assertArrayEquals(hex(v, "pkEm"), ephemeral.publicKey().toBytes());
            assertArrayEquals(hex(v, "skRm"), recipient.exportBytes(KeyAccess.get()));
            assertArrayEquals(hex(v, "pkRm"), recipient.publicKey().toBytes());

            Dhkem.Encapsulation encapsulation;
            byte[] decapsulated;
            X25519PublicKey senderPublic = null;
            if (mode == HpkeContext.MODE_AUTH) {
                X25519PrivateKey sender = Dhkem.deriveKeyPair(hex(v, "ikmS"));
                assertArrayEquals(hex(v, "skSm"), sender.exportBytes(KeyAccess.get()));
                assertArrayEquals(hex(v, "pkSm"), sender.publicKey().toBytes());
                senderPublic = sender.publicKey();
                encapsulation = Dhkem.authEncap(ephemeral, recipient.publicKey(), sender);
                decapsulated = Dhkem.authDecap(hex(v, "enc"), recipient, senderPublic);
            } else {
                encapsulation = Dhkem.encap(ephemeral, recipient.publicKey());
                decapsulated = Dhkem.decap(hex(v, "enc"), recipient);
            }
            assertArrayEquals(hex(v, "enc"), encapsulation.enc());
            assertArrayEquals(hex(v, "sharedSecret"), encapsulation.sharedSecret());
            assertArrayEquals(hex(v, "sharedSecret"), decapsulated);

            HpkeContext sender = HpkeContext.keySchedule(mode, encapsulation.sharedSecret(), hex(v, "info"));
            HpkeContext receiver = HpkeContext.keySchedule(mode, decapsulated, hex(v, "info"));
            assertArrayEquals(hex(v, "key"), sender.key);
            assertArrayEquals(hex(v, "baseNonce"), sender.baseNonce);
            assertArrayEquals(hex(v, "exporterSecret"), sender.exporterSecret);

            checkEncryptionsInSequence(v.get("encryptions"), sender, receiver);
            for (JsonNode export : v.get("exports")) {
                assertArrayEquals(hex(export, "exportedValue"),
                        sender.export(hex(export, "exporterContext"), export.get("length").asInt()));
            }

            // The public single-shot API opens the sequence-0 message.
            JsonNode first = v.get("encryptions").get(0);
            HpkeCiphertext message = new HpkeCiphertext(hex(v, "enc"), hex(first, "ct"));
            byte[] opened = mode == HpkeContext.MODE_AUTH
                    ? Hpke.openAuth(message, recipient, senderPublic, hex(v, "info"), hex(first, "aad"))
                    : Hpke.openBase(message, recipient, hex(v, "info"), hex(first, "aad"));
            assertArrayEquals(hex(first, "pt"), opened);
        }
    }

    /** Steps both contexts through every sequence number up to the last listed one. */
    private static void checkEncryptionsInSequence(JsonNode encryptions, HpkeContext sender, HpkeContext receiver)
            throws Exception {
        int checked = 0;
        long last = encryptions.get(encryptions.size() - 1).get("sequenceNumber").asLong();
        int next = 0;
        for (long sequence = 0; sequence <= last; sequence++) {
            JsonNode listed = encryptions.get(next);
            if (listed.get("sequenceNumber").asLong() == sequence) {
                byte[] ct = sender.seal(hex(listed, "aad"), hex(listed, "pt"));
                assertArrayEquals(hex(listed, "ct"), ct, "sequence " + sequence);
                assertArrayEquals(hex(listed, "pt"), receiver.open(hex(listed, "aad"), ct), "sequence " + sequence);
                next++;
                checked++;
            } else {
                byte[] filler = sender.seal(new byte[0], new byte[0]);
                receiver.open(new byte[0], filler);
            }
        }
        assertEquals(encryptions.size(), checked);
        assertTrue(checked >= 6);
    }
}
