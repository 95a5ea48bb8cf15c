package dev.vellum.client.workspace;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.workspace.InviteLinkSecret;

/**
 * An invite link: {@code /join/<invitation id>#<secret>}. The secret sits in the fragment, which browsers never send
 * to a server; it proves the invitation (its link key signs the join request) and opens the sealed welcome. The
 * invitation id is derived from the secret, so a link whose halves do not belong together is caught here, before
 * anything is fetched. Never printed with its secret.
 */
public final class JoinLink {
    public static final String PATH_PREFIX = "/join/";

    private final InviteLinkSecret secret;

    private JoinLink(InviteLinkSecret secret) {
        this.secret = secret;
    }

    /** The link of a secret made here (by the inviter). */
    static JoinLink of(InviteLinkSecret secret) {
        return new JoinLink(secret);
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
        InviteLinkSecret secret;
        try {
            secret = InviteLinkSecret.fromBase64Url(secretText);
        } catch (InvalidMessageException e) {
            throw new InvalidJoinLinkException("This invite link is damaged: the part after # is incomplete.");
        }
        if (!secret.invitationId().equals(id)) {
            throw new InvalidJoinLinkException("This invite link's secret does not belong to its invitation: the "
                    + "part after # is damaged or from another link.");
        }
        return new JoinLink(secret);
    }

    /** The invitation's id, not a secret. */
    public InvitationId invitationId() {
        return secret.invitationId();
    }

    public String path() {
        return PATH_PREFIX + secret.invitationId();
    }

    /** The whole link to hand on, on {@code origin} (such as {@code https://vellum.example}). */
    public String text(String origin) {
        return origin + path() + "#" + secret.toBase64Url();
    }

    InviteLinkSecret secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "JoinLink[" + path() + "#redacted]";
    }
}
