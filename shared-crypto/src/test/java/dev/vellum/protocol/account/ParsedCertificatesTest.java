package dev.vellum.protocol.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.id.AccountId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The wiring; what is remembered and for how long is {@code ExactBytesCacheTest}'s. */
class ParsedCertificatesTest {
    private static final JvmSecureRandomSource RANDOM = new JvmSecureRandomSource();
    private final IdentityKeyPair identity = IdentityKeyPair.generate(RANDOM);
    private final IdentityKeyPair device = IdentityKeyPair.generate(RANDOM);
    private final AccountId account = AccountId.fromBytes(RANDOM.randomBytes(AccountId.LENGTH));
    private final Username alice = username();

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
