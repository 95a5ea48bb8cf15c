package dev.vellum.protocol.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.id.AccountId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParsedCertificatesTest {
    private static final JvmSecureRandomSource RANDOM = new JvmSecureRandomSource();
    private final IdentityKeyPair identity = IdentityKeyPair.generate(RANDOM);
    private final IdentityKeyPair device = IdentityKeyPair.generate(RANDOM);
    private final AccountId account = AccountId.fromBytes(RANDOM.randomBytes(AccountId.LENGTH));

    @Test
    void theSameBytes_giveTheSameParsedCertificate_asParsingThemWould() throws Exception {
        byte[] encoded = certificate(1).encode();

        DeviceCertificate first = ParsedCertificates.parse(encoded);

        assertSame(first, ParsedCertificates.parse(encoded.clone()));
        assertArrayEquals(DeviceCertificate.parse(encoded).encode(), first.encode());
        first.verify();
    }

    @Test
    void bytesThatDoNotParse_areRefusedEveryTime() {
        byte[] truncated = Arrays.copyOf(certificate(2).encode(), 100);

        assertThrows(InvalidMessageException.class, () -> ParsedCertificates.parse(truncated));
        assertThrows(InvalidMessageException.class, () -> ParsedCertificates.parse(truncated));
    }

    @Test
    void changingTheCallersArrayAfterwards_changesNothingRemembered() throws Exception {
        byte[] encoded = certificate(3).encode();
        byte[] original = encoded.clone();
        DeviceCertificate parsed = ParsedCertificates.parse(encoded);
        encoded[0] ^= 1;

        assertSame(parsed, ParsedCertificates.parse(original));
        assertThrows(InvalidMessageException.class, () -> ParsedCertificates.parse(encoded));
    }

    @Test
    void beyondItsCapacity_theLeastRecentlyUsedIsForgotten() throws Exception {
        byte[] oldest = certificate(4).encode();
        DeviceCertificate remembered = ParsedCertificates.parse(oldest);
        for (int i = 0; i < ParsedCertificates.CAPACITY; i++) {
            ParsedCertificates.parse(certificate(1_000 + i).encode());
        }

        assertNotSame(remembered, ParsedCertificates.parse(oldest));
    }

    private final Username alice = username();

    private DeviceCertificate certificate(long issuedAtMillis) {
        return DeviceCertificate.issue(identity, account, alice, device.publicIdentity(), issuedAtMillis);
    }

    private static Username username() {
        try {
            return Username.parse("alice");
        } catch (InvalidUsernameException e) {
            throw new AssertionError(e);
        }
    }
}
