package dev.vellum.client.account;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import java.util.List;

/**
 * A new recovery key for an open account, made here: the key itself (shown once, then only the person holds it),
 * its authentication key, and the identity sealed under it. The request holds the current passphrase's
 * authentication key (the server checks it), the new authentication key and the sealed bundle; never the recovery
 * key or its wrapping key. Once the server has it, the old recovery key opens nothing.
 */
public final class RecoveryKeyReplacement {
    private final RecoveryKey recoveryKey;
    private final String requestJson;

    private RecoveryKeyReplacement(RecoveryKey recoveryKey, String requestJson) {
        this.recoveryKey = recoveryKey;
        this.requestJson = requestJson;
    }

    public static RecoveryKeyReplacement create(UnlockedAccount account, AuthKey currentAuthKey,
                                                RandomSource random) {
        RecoveryKey recoveryKey = RecoveryKey.generate(random);
        byte[] bundle = SealedKeys.seal(Purpose.ACCOUNT_RECOVERY, account.accountId(), List.of(account.identity()),
                recoveryKey.wrappingKey(), random);
        String json = JsonText.object()
                .put("currentAuthKey", currentAuthKey.toBytes())
                .put("recoveryAuthKey", recoveryKey.authKey().toBytes())
                .put("recoveryBundle", bundle)
                .toString();
        return new RecoveryKeyReplacement(recoveryKey, json);
    }

    /** The body of {@code POST /api/account/recovery-key}. */
    public String requestJson() {
        return requestJson;
    }

    /** Shown to the person once, then destroyed. */
    public RecoveryKey recoveryKey() {
        return recoveryKey;
    }

    @Override
    public String toString() {
        return "RecoveryKeyReplacement[secrets redacted]";
    }
}
