package dev.vellum.client.sync;

import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateHash;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a tab states, inside its signed and sealed presence, about where the note stands for it: its own chain head
 * (the last of its items the server stored), the latest revision number it has been served, the item it was served
 * under the last revision it applied, and the snapshots it checked and found forged. The server relays presence but
 * cannot open or change it, so a reader learns from it what the server should have sent it: the statement is as
 * trustworthy as its author, no more.
 *
 * <p>Layout: {@code version 1 (1) || author's X25519 public key (32) || chain sequence (8, 0: nothing stored yet) ||
 * chain hash (32) || latest revision (8) || applied revision (8, 0: none) || item hash served under it (32) ||
 * forged count (1, at most 4) || count × snapshot item hash (32)}. The X25519 key, with the Ed25519 key that signed
 * the presence, gives the author's key id: a tab can only speak for its own chain.
 *
 * @param agreementKey the author's X25519 public key, as its items carry it
 * @param chainSequence the sequence of the author's last stored item, 0 if none
 * @param chainHash that item's chain hash ({@link UpdateHash#NONE} if none)
 * @param latestRevision the highest revision number this tab has been served or told of
 * @param appliedRevision the last revision this tab applied whose served item it knows, 0 if none
 * @param servedHash the hash of the item served to it under {@code appliedRevision}
 * @param forgedSnapshots item hashes of snapshots this tab checked against the updates they cover, and that differ
 */
record LatestPosition(byte[] agreementKey, long chainSequence, UpdateHash chainHash, long latestRevision,
                      long appliedRevision, UpdateHash servedHash, List<UpdateHash> forgedSnapshots) {
    private static final int VERSION = 1;
    static final int MAX_FORGED = 4;

    LatestPosition {
        agreementKey = agreementKey.clone();
        forgedSnapshots = List.copyOf(forgedSnapshots);
        if (agreementKey.length != X25519PublicKey.LENGTH || chainSequence < 0 || latestRevision < 0
                || appliedRevision < 0 || forgedSnapshots.size() > MAX_FORGED) {
            throw new IllegalArgumentException("not a latest position");
        }
    }

    void writeTo(ByteWriter out) {
        out.writeByte(VERSION)
                .writeBytes(agreementKey)
                .writeLong(chainSequence)
                .writeBytes(chainHash.toBytes())
                .writeLong(latestRevision)
                .writeLong(appliedRevision)
                .writeBytes(servedHash.toBytes())
                .writeByte(forgedSnapshots.size());
        for (UpdateHash forged : forgedSnapshots) {
            out.writeBytes(forged.toBytes());
        }
    }

    static LatestPosition read(ByteReader in) throws InvalidMessageException {
        if (in.readUnsignedByte("latest position version") != VERSION) {
            throw new InvalidMessageException("unknown latest position version");
        }
        byte[] key = in.readBytes(X25519PublicKey.LENGTH, "author agreement key");
        long sequence = in.readLong("chain sequence");
        UpdateHash hash = UpdateHash.fromBytes(in.readBytes(UpdateHash.LENGTH, "chain hash"));
        long latest = in.readLong("latest revision");
        long applied = in.readLong("applied revision");
        UpdateHash served = UpdateHash.fromBytes(in.readBytes(UpdateHash.LENGTH, "served item hash"));
        int count = in.readUnsignedByte("forged snapshot count");
        if (sequence < 0 || latest < 0 || applied < 0 || count > MAX_FORGED) {
            throw new InvalidMessageException("a latest position out of range");
        }
        UpdateHash[] forged = new UpdateHash[count];
        for (int i = 0; i < count; i++) {
            forged[i] = UpdateHash.fromBytes(in.readBytes(UpdateHash.LENGTH, "forged snapshot hash"));
        }
        return new LatestPosition(key, sequence, hash, latest, applied, served, List.of(forged));
    }

    /**
     * The key id of the author who stated this, from the key that signed the presence and the agreement key stated.
     *
     * @throws InvalidMessageException if the agreement key is not one any author could have
     */
    IdentityKeyId authorKeyId(Ed25519PublicKey signer) throws InvalidMessageException {
        try {
            return IdentityKeyId.of(new PublicIdentity(signer, X25519PublicKey.fromBytes(agreementKey)));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidMessageException("a latest position names an unusable agreement key");
        }
    }

    @Override
    public byte[] agreementKey() {
        return agreementKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatestPosition that && Arrays.equals(agreementKey, that.agreementKey)
                && chainSequence == that.chainSequence && chainHash.equals(that.chainHash)
                && latestRevision == that.latestRevision && appliedRevision == that.appliedRevision
                && servedHash.equals(that.servedHash) && forgedSnapshots.equals(that.forgedSnapshots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(agreementKey), chainSequence, chainHash,
                latestRevision, appliedRevision, servedHash, forgedSnapshots);
    }
}
