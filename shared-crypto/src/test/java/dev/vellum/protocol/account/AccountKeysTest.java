package dev.vellum.protocol.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.testing.TestAccount;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The passphrase's two keys, the server's hash of one of them, and the salts. */
class AccountKeysTest {
    private final RandomSource random = new JvmSecureRandomSource();
    private final AccountSalt salt = AccountSalt.fromBytes(Hex.decode("000102030405060708090a0b0c0d0e0f"));

    private static byte[] wrapping(PassphraseKeys keys) {
        return keys.wrappingKey().key().bytesForUse(KeyAccess.get());
    }

    @Test
    void derive_isStableForOnePassphraseAndSalt_andSplitsIntoUnrelatedKeys() {
        PassphraseKeys once = AccountKdf.derive("correct horse battery staple", salt, TestAccount.CHEAP);
        PassphraseKeys again = AccountKdf.derive("correct horse battery staple", salt, TestAccount.CHEAP);

        assertArrayEquals(once.authKey().toBytes(), again.authKey().toBytes());
        assertArrayEquals(wrapping(once), wrapping(again));
        assertFalse(java.util.Arrays.equals(once.authKey().toBytes(), wrapping(once)));
    }

    @Test
    void derive_differsWithTheSaltOrOneCharacterOfThePassphrase() {
        PassphraseKeys base = AccountKdf.derive("correct horse battery staple", salt, TestAccount.CHEAP);
        PassphraseKeys otherSalt = AccountKdf.derive("correct horse battery staple", AccountSalt.random(random),
                TestAccount.CHEAP);
        PassphraseKeys otherPassphrase = AccountKdf.derive("correct horse battery stapler", salt, TestAccount.CHEAP);

        assertNotEquals(Hex.toHexString(base.authKey().toBytes()), Hex.toHexString(otherSalt.authKey().toBytes()));
        assertNotEquals(Hex.toHexString(base.authKey().toBytes()),
                Hex.toHexString(otherPassphrase.authKey().toBytes()));
    }

    @Test
    void authKeyHash_matchesOnlyItsKey_andSurvivesEncoding() throws Exception {
        AuthKey key = AccountKdf.derive("a passphrase", salt, TestAccount.CHEAP).authKey();
        AuthKey other = AccountKdf.derive("another passphrase", salt, TestAccount.CHEAP).authKey();
        AuthKeyHash stored = AuthKeyHash.decode(AuthKeyHash.create(key, random).encode());

        assertTrue(stored.matches(key));
        assertFalse(stored.matches(other));
        assertEquals(AuthKeyHash.ENCODED_LENGTH, stored.encode().length);
    }

    @Test
    void authKeyHash_isSaltedPerAccount_soEqualKeysStoreDifferently() {
        AuthKey key = AuthKey.fromBytes(random.randomBytes(AuthKey.LENGTH));

        assertNotEquals(Hex.toHexString(AuthKeyHash.create(key, random).encode()),
                Hex.toHexString(AuthKeyHash.create(key, random).encode()));
    }

    @Test
    void standInHash_matchesNoKey_notEvenAllZeros() {
        assertFalse(AuthKeyHash.standIn().matches(AuthKey.fromBytes(new byte[AuthKey.LENGTH])));
        assertFalse(AuthKeyHash.standIn().matches(AuthKey.fromBytes(random.randomBytes(AuthKey.LENGTH))));
    }

    @Test
    void standInSalt_isStablePerNameAndSecret_andLooksLikeARealOne() throws Exception {
        byte[] secret = random.randomBytes(32);
        Username alice = Username.parse("alice");

        assertEquals(AccountSalt.standIn(secret, alice), AccountSalt.standIn(secret, Username.parse("ALICE")));
        assertNotEquals(AccountSalt.standIn(secret, alice), AccountSalt.standIn(secret, Username.parse("bob")));
        assertNotEquals(AccountSalt.standIn(secret, alice), AccountSalt.standIn(random.randomBytes(32), alice));
        assertEquals(AccountSalt.LENGTH, AccountSalt.standIn(secret, alice).toBytes().length);
    }

    @Test
    void secrets_areNeverPrinted() {
        PassphraseKeys keys = AccountKdf.derive("a passphrase", salt, TestAccount.CHEAP);
        String printed = keys + " " + keys.authKey() + " " + keys.wrappingKey() + " "
                + SessionSecret.random(random) + " " + RecoveryKey.generate(random);

        assertFalse(printed.contains(Hex.toHexString(keys.authKey().toBytes())));
        assertTrue(printed.contains("redacted"));
    }
}
