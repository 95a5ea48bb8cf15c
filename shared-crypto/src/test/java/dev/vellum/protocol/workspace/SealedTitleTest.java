package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.testing.TestWorkspace;
import dev.vellum.testing.TestWorkspace.Person;
import org.junit.jupiter.api.Test;

class SealedTitleTest {
    private final TestWorkspace workspace = new TestWorkspace();
    private final Person alice = workspace.person("alice");
    private final Person bob = workspace.person("bob");
    private final EpochKey key = EpochKey.generate(WorkspaceId.random(workspace.random), 2, workspace.random);
    private final NoteId noteId = NoteId.random(workspace.random);
    private final SealedTitle title = seal("Plans für 2027 ✓");

    @Test
    void sealedTitle_opensForAMember_withTheSignersIdentity() throws Exception {
        SealedTitle parsed = SealedTitle.parse(title.encode());

        parsed.verifySignature(key.workspaceId(), noteId, alice.identity().publicIdentity());
        assertEquals(2, parsed.epoch());
        assertEquals(alice.accountId(), parsed.signer());
        assertEquals("Plans für 2027 ✓", parsed.open(key, noteId, alice.identity().publicIdentity()));
    }

    @Test
    void emptyAndLongestTitles_fit_andLongerAreRefused() throws Exception {
        assertEquals("", seal("").open(key, noteId, alice.identity().publicIdentity()));
        SealedTitle longest = seal("é".repeat(100));
        assertEquals(SealedTitle.MAX_LENGTH, longest.encode().length);
        assertTrue(SealedTitle.MAX_LENGTH <= 512, "the server's cap");
        assertThrows(IllegalArgumentException.class, () -> seal("x".repeat(201)));
    }

    @Test
    void everyFlippedByte_isRefused() {
        byte[] encoded = title.encode();
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class, () -> SealedTitle.parse(tampered).open(key, noteId,
                    alice.identity().publicIdentity()), "byte " + i);
            assertTrue(e instanceof InvalidMessageException || e instanceof InvalidSignatureException
                    || e instanceof AuthenticationFailedException, "byte " + index + " gave " + e);
        }
    }

    @Test
    void anotherNotesOrWorkspacesTitle_isRefused() {
        NoteId otherNote = NoteId.random(workspace.random);
        EpochKey sameBytesElsewhere = new EpochKey(WorkspaceId.random(workspace.random), 2,
                SymmetricKey.fromBytes(key.key().exportBytes()));

        assertThrows(InvalidSignatureException.class,
                () -> title.open(key, otherNote, alice.identity().publicIdentity()));
        assertThrows(InvalidSignatureException.class,
                () -> title.open(sameBytesElsewhere, noteId, alice.identity().publicIdentity()));
    }

    @Test
    void aSignerClaimingToBeSomeoneElse_failsTheSignature() {
        assertThrows(InvalidSignatureException.class,
                () -> title.open(key, noteId, bob.identity().publicIdentity()));
    }

    @Test
    void aTitleRelabelledWithAnotherSignerAndReSigned_doesNotOpen() throws Exception {
        // Bob, a member, moves Alice's sealed words under his own name: the signer is bound as associated data.
        byte[] encoded = title.encode();
        System.arraycopy(bob.accountId().toBytes(), 0, encoded, 5, 16);
        byte[] resigned = resign(encoded, bob);

        assertThrows(AuthenticationFailedException.class,
                () -> SealedTitle.parse(resigned).open(key, noteId, bob.identity().publicIdentity()));
    }

    @Test
    void wrongEpochKey_isRefused() {
        EpochKey otherEpoch = EpochKey.generate(key.workspaceId(), 3, workspace.random);
        EpochKey otherKeySameEpoch = EpochKey.generate(key.workspaceId(), 2, workspace.random);

        assertThrows(InvalidMessageException.class,
                () -> title.open(otherEpoch, noteId, alice.identity().publicIdentity()));
        assertThrows(AuthenticationFailedException.class,
                () -> title.open(otherKeySameEpoch, noteId, alice.identity().publicIdentity()));
    }

    @Test
    void parse_badVersionLengthOrEpoch_isRefused() {
        byte[] encoded = title.encode();
        byte[] version = encoded.clone();
        version[0] = 2;
        assertThrows(InvalidMessageException.class, () -> SealedTitle.parse(version));
        byte[] negativeEpoch = encoded.clone();
        negativeEpoch[1] = (byte) 0x80;
        assertThrows(InvalidMessageException.class, () -> SealedTitle.parse(negativeEpoch));
        assertThrows(InvalidMessageException.class, () -> SealedTitle.parse(java.util.Arrays.copyOf(encoded,
                encoded.length - 1)));
        assertThrows(InvalidMessageException.class, () -> SealedTitle.parse(new byte[] {1}));
    }

    private SealedTitle seal(String text) {
        return SealedTitle.seal(key, noteId, text, alice.accountId(), alice.identity(), workspace.random);
    }

    private byte[] resign(byte[] encoded, Person signer) {
        byte[] unsigned = java.util.Arrays.copyOf(encoded, encoded.length - 64);
        byte[] signature = signer.identity().signingKey().sign(dev.vellum.crypto.hash.Label.WORKSPACE_TITLE_SIGNATURE
                .prefix(key.workspaceId().toBytes(), noteId.toBytes(), unsigned));
        return dev.vellum.encoding.Bytes.concat(unsigned, signature);
    }
}
