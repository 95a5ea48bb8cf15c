package dev.vellum.protocol.workspace;

import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.WorkspaceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The epoch keys one member holds for one workspace: those opened from key envelopes addressed to them, and those
 * reached by walking {@link EpochLink}s back from a later key. Every key is checked against the membership log's
 * commitment before it is kept, so a key the server (or a member who is not the rotating owner) made up is never
 * used to read or to seal. Lives in the browser; never printed.
 */
public final class EpochKeyring {
    private final WorkspaceId workspaceId;
    private final EpochCommitments commitments;
    private final Map<Integer, EpochKey> keys = new HashMap<>();
    private final Map<Integer, EpochLink> links = new HashMap<>();

    public EpochKeyring(WorkspaceId workspaceId, EpochCommitments commitments) {
        this.workspaceId = workspaceId;
        this.commitments = commitments;
    }

    /** A member's keyring for the workspace of {@code log}, following it as it grows. */
    public static EpochKeyring of(MembershipLog log) {
        return new EpochKeyring(log.workspaceId(), new EpochCommitments() {
            @Override
            public int currentEpoch() {
                return log.currentEpoch();
            }

            @Override
            public Optional<byte[]> commitment(int epoch) {
                return log.epochCommitment(epoch);
            }
        });
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    /**
     * Keeps {@code key} once it is this workspace's and matches the log's commitment for its epoch.
     *
     * @throws EpochKeyMismatchException if it is another workspace's, of an epoch the log does not have, or not the
     *     key the log commits to (an envelope replayed from another workspace, or a key someone made up)
     */
    public void add(EpochKey key) throws EpochKeyMismatchException {
        if (!key.workspaceId().equals(workspaceId)) {
            throw new EpochKeyMismatchException(key.epoch(), "it is workspace " + key.workspaceId() + "'s");
        }
        Optional<byte[]> commitment = commitments.commitment(key.epoch());
        if (!commitment.isPresent()) {
            throw new EpochKeyMismatchException(key.epoch(), "the membership log has no such epoch");
        }
        if (!key.matches(commitment.get())) {
            throw new EpochKeyMismatchException(key.epoch());
        }
        keys.put(key.epoch(), key);
    }

    /**
     * Keeps a link for later walks; it is opened and checked only when an older key is needed. A link that does not
     * open is dropped then, so a later good copy can take its place.
     */
    public void addLink(EpochLink link) {
        links.put(link.epoch(), link);
    }

    /** The key of the log's current epoch: the only one new content is sealed under. */
    public EpochKey current() throws MissingEpochKeyException {
        return forEpoch(commitments.currentEpoch());
    }

    /**
     * The key of {@code epoch}: held, or reached from the nearest later key held through the links in between,
     * each opened key checked against the log's commitment for its epoch (and kept for next time).
     *
     * @throws MissingEpochKeyException if the log has no such epoch, no later key is held, or a link on the way is
     *     missing or does not open to the logged key
     */
    public EpochKey forEpoch(int epoch) throws MissingEpochKeyException {
        EpochKey held = keys.get(epoch);
        if (held != null) {
            return held;
        }
        if (epoch < 0 || epoch > commitments.currentEpoch()) {
            throw new MissingEpochKeyException(epoch, "the membership log has no such epoch");
        }
        int from = nearestHeldAbove(epoch);
        if (from < 0) {
            throw new MissingEpochKeyException(epoch, "no key for it or any later epoch is held");
        }
        EpochKey key = keys.get(from);
        for (int linkEpoch = from; linkEpoch > epoch; linkEpoch--) {
            key = walkBack(key, linkEpoch, epoch);
            keys.put(key.epoch(), key);
        }
        return key;
    }

    /**
     * Destroys the keys of epochs before {@code epoch}, and the links that lead to them, once every note has been
     * re-sealed under a later epoch: from then on, a theft of this device's keys no longer opens that history.
     * The key objects themselves are destroyed, so no other holder of them can go on using them either.
     */
    public void forgetBefore(int epoch) {
        List<Integer> gone = new ArrayList<>();
        for (Integer held : keys.keySet()) {
            if (held < epoch) {
                gone.add(held);
            }
        }
        for (Integer old : gone) {
            keys.remove(old).key().destroy();
        }
        gone.clear();
        for (Integer linkEpoch : links.keySet()) {
            if (linkEpoch <= epoch) {
                gone.add(linkEpoch);
            }
        }
        for (Integer old : gone) {
            links.remove(old);
        }
    }

    private int nearestHeldAbove(int epoch) {
        int nearest = -1;
        for (Integer held : keys.keySet()) {
            if (held > epoch && (nearest < 0 || held < nearest)) {
                nearest = held;
            }
        }
        return nearest;
    }

    private EpochKey walkBack(EpochKey next, int linkEpoch, int wanted) throws MissingEpochKeyException {
        EpochLink link = links.get(linkEpoch);
        if (link == null) {
            throw new MissingEpochKeyException(wanted, "the link from epoch " + linkEpoch + " to " + (linkEpoch - 1)
                    + " is not held (deleted when history was compacted, or withheld)");
        }
        Optional<byte[]> commitment = commitments.commitment(linkEpoch - 1);
        if (!commitment.isPresent()) {
            throw new IllegalStateException("the membership log has epoch " + linkEpoch + " but not the one before");
        }
        try {
            return link.open(next, commitment.get());
        } catch (InvalidMessageException | AuthenticationFailedException | EpochKeyMismatchException e) {
            links.remove(linkEpoch);
            throw new MissingEpochKeyException(wanted, "the link from epoch " + linkEpoch + " is refused ("
                    + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "EpochKeyring[" + workspaceId + ", " + keys.size() + " keys, redacted]";
    }
}
