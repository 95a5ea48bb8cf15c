package dev.vellum.client.account;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.id.AccountId;

/**
 * The server's answer to {@code /api/login/start} or {@code /api/recovery/start}: the account, its public identity,
 * the sealed bundle (passphrase or recovery) and a single-use challenge. Nothing here is trusted until the bundle
 * opens under a key only the person can make.
 */
public record LoginStart(AccountId accountId, PublicIdentity identity, byte[] bundle, LoginChallenge challenge) {
}
