package dev.vellum.client.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every identity a verified log ever recorded (creator, invitees, confirmed joiners), by key id and by account: how
 * a reader finds the key an envelope's sender or a title's signer used, only ever among keys the log vouches for.
 */
final class LogIdentities {
    private final Map<IdentityKeyId, MemberRecord> byKeyId = new HashMap<>();
    private final Map<AccountId, List<PublicIdentity>> byAccount = new HashMap<>();

    LogIdentities(MembershipLog log) {
        for (MembershipEntry entry : log.entries()) {
            EntryBody body = entry.body();
            if (body instanceof EntryBody.Create create) {
                add(create.creator());
            } else if (body instanceof EntryBody.Invite invite) {
                add(invite.invitee());
            } else if (body instanceof EntryBody.LinkConfirm confirm) {
                add(confirm.joiner());
            }
        }
    }

    private void add(MemberRecord record) {
        byKeyId.putIfAbsent(IdentityKeyId.of(record.identity()), record);
        List<PublicIdentity> identities = byAccount.computeIfAbsent(record.accountId(), id -> new ArrayList<>());
        if (!identities.contains(record.identity())) {
            identities.add(record.identity());
        }
    }

    /** The record that first named this key, or null if the log never did. */
    MemberRecord byKeyId(IdentityKeyId keyId) {
        return byKeyId.get(keyId);
    }

    /** Every identity the log recorded for the account, oldest first (usually one). */
    List<PublicIdentity> of(AccountId account) {
        return byAccount.getOrDefault(account, List.of());
    }
}
