package dev.vellum.server.account;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;

/**
 * One account as the server keeps it: public keys, the passphrase's salt, the two authentication keys' hashes
 * ({@code AuthKeyHash} encodings) and the private keys sealed in the browser under keys the server never sees.
 */
public record AccountRecord(AccountId id, Username username, AccountSalt salt, byte[] authKeyHash,
                            byte[] recoveryAuthKeyHash, PublicIdentity identity, byte[] passphraseBundle,
                            byte[] recoveryBundle) {
}
