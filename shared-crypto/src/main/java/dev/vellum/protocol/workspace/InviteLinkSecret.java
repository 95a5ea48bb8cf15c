package dev.vellum.protocol.workspace;

import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.InvitationId;
import java.util.Arrays;

/**
 * The one-time secret of an invite link, {@code https://<host>/join/<invitation id>#<secret>}: 32 random bytes, 43
 * characters of base64url, only ever in the URL's fragment, so the server never sees it. From it:
 * <ul>
 *   <li>the link's signing key, an Ed25519 key whose seed is {@code HKDF-SHA256(secret, "",
 *       "vellum/v1/invite-link/signing-key", 32)}: its public half goes into the log's LinkInvite entry, and a join
 *       request must be signed by it, which proves the joiner holds the link;</li>
 *   <li>the welcome key, {@code HKDF-SHA256(secret, "", "vellum/v1/invite-link/welcome-key", 32)}, which seals the
 *       {@link Welcome} the joiner opens before joining;</li>
 *   <li>the invitation id, from the signing key ({@link InvitationId#ofLinkKey}).</li>
 * </ul>
 * Never printed.
 */
public final class InviteLinkSecret {
    private final SymmetricKey secret;
    private final Ed25519PrivateKey signingKey;
    private final SymmetricKey welcomeKey;

    private InviteLinkSecret(SymmetricKey secret) {
        this.secret = secret;
        byte[] seed = Hkdf.derive(secret, new byte[0], Label.INVITE_LINK_SIGNING_KEY, Ed25519PrivateKey.LENGTH);
        this.signingKey = Ed25519PrivateKey.fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        byte[] welcome = Hkdf.derive(secret, new byte[0], Label.INVITE_LINK_WELCOME_KEY, SymmetricKey.LENGTH);
        this.welcomeKey = SymmetricKey.fromBytes(welcome);
        Arrays.fill(welcome, (byte) 0);
    }

    public static InviteLinkSecret generate(RandomSource random) {
        return new InviteLinkSecret(SymmetricKey.generate(random));
    }

    /** Parses the 43-character fragment; anything else is rejected. */
    public static InviteLinkSecret fromBase64Url(String fragment) throws InvalidMessageException {
        return new InviteLinkSecret(SymmetricKey.fromBase64Url(fragment));
    }

    /** The 43 characters for the link's fragment, and nowhere else. */
    public String toBase64Url() {
        return secret.toBase64Url();
    }

    /** Signs join requests; its public half is the LinkInvite entry's link key. */
    public Ed25519PrivateKey signingKey() {
        return signingKey;
    }

    /** Seals and opens the link's {@link Welcome}, and nothing else. */
    public SymmetricKey welcomeKey() {
        return welcomeKey;
    }

    public InvitationId invitationId() {
        return InvitationId.ofLinkKey(signingKey.publicKey());
    }

    /** Zeroes the secret and what came from it, once the joiner has joined or the inviter has published the link. */
    public void destroy() {
        secret.destroy();
        signingKey.destroy();
        welcomeKey.destroy();
    }

    @Override
    public String toString() {
        return "InviteLinkSecret[" + invitationId() + ", redacted]";
    }
}
