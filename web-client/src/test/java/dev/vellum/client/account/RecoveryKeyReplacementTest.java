package dev.vellum.client.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.Username;
import dev.vellum.testing.TestAccount;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A new recovery key is made in the browser: the request carries the current passphrase's authentication key, the new
 * key's authentication key and the identity sealed under the new key, and nothing that opens anything.
 */
class RecoveryKeyReplacementTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();

    @Test
    void theRequest_sealsTheIdentityUnderTheNewKey_andHoldsNeitherTheKeyNorItsWrappingKey() throws Exception {
        SignUpMaterial alice = SignUpMaterial.create(Username.parse("alice"), "tin kettle wanders north", RANDOM,
                1_796_000_000_000L, Timings.NONE);
        PassphraseKeys current = AccountKdf.derive("tin kettle wanders north", alice.salt(), TestAccount.CHEAP);

        RecoveryKeyReplacement replacement = RecoveryKeyReplacement.create(alice.account(), current.authKey(), RANDOM);

        JsonNode body = new ObjectMapper().readTree(replacement.requestJson());
        Set<String> fields = new java.util.HashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("currentAuthKey", "recoveryAuthKey", "recoveryBundle"), fields);
        assertEquals(Base64Url.encode(current.authKey().toBytes()), body.get("currentAuthKey").asText());
        RecoveryKey key = replacement.recoveryKey();
        assertEquals(Base64Url.encode(key.authKey().toBytes()), body.get("recoveryAuthKey").asText());
        String bundle = body.get("recoveryBundle").asText();
        List<IdentityKeyPair> opened = SealedKeys.open(Base64Url.decode(bundle, bundle.length() * 3 / 4),
                SealedKeys.Purpose.ACCOUNT_RECOVERY, alice.account().accountId(), key.wrappingKey());
        assertEquals(alice.account().identity().publicIdentity(), opened.get(0).publicIdentity());
        assertFalse(replacement.requestJson().contains(key.display().replace("-", "")), "the key itself");
        RecoveryKey other = RecoveryKeyReplacement.create(alice.account(), current.authKey(), RANDOM).recoveryKey();
        assertFalse(other.display().equals(key.display()), "each replacement makes a new key");
    }
}
