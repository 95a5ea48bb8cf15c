package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.item.KeyEnvelopeHeader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyEnvelopeCipherTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final IdentityKeyPair owner = IdentityKeyPair.generate(random);
    private final IdentityKeyPair member = IdentityKeyPair.generate(random);
    private final IdentityKeyPair outsider = IdentityKeyPair.generate(random);
    private final SymmetricKey epochKey = SymmetricKey.generate(random);
    private final KeyEnvelopeHeader header = new KeyEnvelopeHeader(WorkspaceId.fromBytes(random.randomBytes(16)), 4,
            IdentityKeyId.of(owner.publicIdentity()), IdentityKeyId.of(member.publicIdentity()));

    private byte[] sealed() throws Exception {
        return KeyEnvelopeCipher.seal(header, epochKey, owner, member.publicIdentity(), new Hpke(random)).encode();
    }

    @Test
    void memberOpensTheEpochKey() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.parse(sealed());

        assertEquals(KeyEnvelope.LENGTH, envelope.encode().length);
        assertEquals(header, envelope.header());
        assertArrayEquals(epochKey.exportBytes(),
                KeyEnvelopeCipher.open(envelope, member, owner.publicIdentity()).exportBytes());
    }

    @Test
    void outsider_cannotOpen() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.parse(sealed());

        assertThrows(InvalidMessageException.class,
                () -> KeyEnvelopeCipher.open(envelope, outsider, owner.publicIdentity()));
    }

    @Test
    void claimedSenderOtherThanSigner_isRejected() throws Exception {
        KeyEnvelope envelope = KeyEnvelope.parse(sealed());

        assertThrows(InvalidSignatureException.class,
                () -> KeyEnvelopeCipher.open(envelope, member, outsider.publicIdentity()));
    }

    @Test
    void everyTamperedByte_isRejected() throws Exception {
        byte[] encoded = sealed();
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class,
                    () -> KeyEnvelopeCipher.open(KeyEnvelope.parse(tampered), member, owner.publicIdentity()),
                    "byte " + index);
            assertTrue(e instanceof InvalidSignatureException || e instanceof InvalidMessageException
                    || e instanceof AuthenticationFailedException, "byte " + index + " gave " + e);
        }
    }

    @Test
    void wrongLengthOrVersion_isRejected() throws Exception {
        byte[] encoded = sealed();
        assertThrows(InvalidMessageException.class, () -> KeyEnvelope.parse(Arrays.copyOf(encoded, 196)));
        assertThrows(InvalidMessageException.class, () -> KeyEnvelope.parse(Arrays.copyOf(encoded, 198)));
        encoded[0] = 9;
        assertThrows(UnsupportedVersionException.class, () -> KeyEnvelope.parse(encoded));
    }

    @Test
    void resignedByOutsiderAfterSwappingRecipient_failsHpkeAuthentication() throws Exception {
        // A server that re-addresses an envelope and re-signs it as someone else still cannot make HPKE open.
        KeyEnvelopeHeader swapped = new KeyEnvelopeHeader(header.workspaceId(), header.keyEpoch(),
                IdentityKeyId.of(outsider.publicIdentity()), header.recipientKeyId());
        byte[] outsiderEnvelope = KeyEnvelopeCipher.seal(swapped, SymmetricKey.generate(random), outsider,
                member.publicIdentity(), new Hpke(random)).encode();
        byte[] original = sealed();
        System.arraycopy(original, 53, outsiderEnvelope, 53, 80); // Owner's HPKE output under outsider's header
        byte[] resigned = Arrays.copyOf(outsiderEnvelope, 133);
        byte[] signature = outsider.signingKey().sign(dev.vellum.crypto.hash.Label.KEY_ENVELOPE_SIGNATURE
                .prefix(resigned));
        System.arraycopy(signature, 0, outsiderEnvelope, 133, 64);

        assertThrows(AuthenticationFailedException.class,
                () -> KeyEnvelopeCipher.open(KeyEnvelope.parse(outsiderEnvelope), member, outsider.publicIdentity()));
    }
}
