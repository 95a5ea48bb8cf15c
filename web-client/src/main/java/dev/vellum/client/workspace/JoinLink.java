package dev.vellum.client.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.InvitationId;

/**
 * An invite link: {@code /join/<invitation id>#<secret>}. The secret sits in the fragment, which browsers never send
 * to a server; it proves the invitation (its link key signs the join request) and opens the sealed welcome. The
 * invitation id is derived from the secret, so a link whose halves do not belong together is caught here, before
 * anything is fetched. Never printed with its secret.
 */
public final class JoinLink {
    public static final String PATH_PREFIX = "/join/";
    /** Length of the secret in the fragment: 32 bytes of unpadded base64url. */
    static final int SECRET_TEXT_LENGTH = 43;
    static final int SECRET_LENGTH = 32;

    private final InvitationId invitationId;
    private final byte[] secret;

    private JoinLink(InvitationId invitationId, byte[] secret) {
        this.invitationId = invitationId;
        this.secret = secret;
    }

    public static boolean isJoinPath(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    /**
     * @param path the URL's path, such as {@code /join/AbC...}
     * @param fragment the URL's fragment with or without its leading {@code #}
     */
    public static JoinLink parse(String path, String fragment) throws InvalidJoinLinkException {
        InvitationId id;
        try {
            id = InvitationId.parse(path.substring(PATH_PREFIX.length()));
        } catch (InvalidMessageException | IndexOutOfBoundsException e) {
            throw new InvalidJoinLinkException("This link does not name an invitation.");
        }
        String secretText = fragment.startsWith("#") ? fragment.substring(1) : fragment;
        if (secretText.isEmpty()) {
            throw new InvalidJoinLinkException("This invite link has no secret: the part after # is missing.");
        }
        byte[] secret;
        try {
            if (secretText.length() != SECRET_TEXT_LENGTH) {
                throw new InvalidMessageException("wrong length");
            }
            secret = Base64Url.decode(secretText, SECRET_LENGTH);
        } catch (InvalidMessageException e) {
            throw new InvalidJoinLinkException("This invite link is damaged: the part after # is incomplete.");
        }
        JoinLink link = new JoinLink(id, secret);
        link.checkSecretMatchesId();
        return link;
    }

    /** The invitation's id, not a secret. */
    public InvitationId invitationId() {
        return invitationId;
    }

    public String path() {
        return PATH_PREFIX + invitationId;
    }

    /** The whole link to hand on, on {@code origin} (such as {@code https://vellum.example}). */
    public String text(String origin) {
        return origin + path() + "#" + Base64Url.encode(secret);
    }

    byte[] secretBytes() {
        return secret.clone();
    }

    private void checkSecretMatchesId() throws InvalidJoinLinkException {
        // Filled in once the invite-link secret's derivations (ws-crypto) are merged.
    }

    @Override
    public String toString() {
        return "JoinLink[" + path() + "#redacted]";
    }
}
