package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.testing.TestWorkspace;
import dev.vellum.testing.TestWorkspace.Person;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InviteLinkTest {
    private final TestWorkspace workspace = new TestWorkspace();
    private final Person alice = workspace.person("alice");
    private final TestWorkspace aliceWorkspace = TestWorkspace.createdBy(alice, "Project Zebra");
    private final Person carol = workspace.person("carol");
    private final InviteLinkSecret link = InviteLinkSecret.generate(workspace.random);

    @Nested
    class Secret {
        @Test
        void keysAndId_areTheDocumentedDerivations() throws Exception {
            byte[] secret = Base64Url.decode(link.toBase64Url(), 32);
            byte[] seed = Hkdf.derive(secret, new byte[0], Label.INVITE_LINK_SIGNING_KEY, 32);
            byte[] welcome = Hkdf.derive(secret, new byte[0], Label.INVITE_LINK_WELCOME_KEY, 32);
            byte[] linkPublic = Ed25519PrivateKey.fromSeed(seed).publicKey().toBytes();

            assertEquals(Ed25519PrivateKey.fromSeed(seed).publicKey(), link.signingKey().publicKey());
            assertEquals(Hex.toHexString(welcome), Hex.toHexString(link.welcomeKey().exportBytes()));
            assertArrayEquals(Arrays.copyOf(Sha256.labeled(Label.INVITE_LINK_ID, linkPublic), 16),
                    link.invitationId().toBytes());
        }

        @Test
        void fragment_is43Characters_andGivesBackTheSameLink() throws Exception {
            String fragment = link.toBase64Url();
            InviteLinkSecret again = InviteLinkSecret.fromBase64Url(fragment);

            assertEquals(43, fragment.length());
            assertEquals(link.invitationId(), again.invitationId());
            assertEquals(link.invitationId(), InvitationId.parse(link.invitationId().toString()));
            assertThrows(InvalidMessageException.class, () -> InviteLinkSecret.fromBase64Url(fragment + "A"));
            assertThrows(InvalidMessageException.class, () -> InviteLinkSecret.fromBase64Url(fragment.substring(1)));
            assertFalse(link.toString().contains(fragment));
        }

        @Test
        void twoLinks_haveTwoIdsAndKeys() {
            InviteLinkSecret other = InviteLinkSecret.generate(workspace.random);

            assertNotEquals(link.invitationId(), other.invitationId());
            assertNotEquals(link.signingKey().publicKey(), other.signingKey().publicKey());
        }
    }

    @Nested
    class WelcomeMessage {
        private final Welcome welcome = new Welcome(aliceWorkspace.id, alice.as(Role.OWNER),
                aliceWorkspace.log.head(), "Project Zebra ✓");

        @Test
        void sealed_opensWithTheLinkSecret() throws Exception {
            byte[] sealed = welcome.seal(link, workspace.random);
            Welcome opened = Welcome.open(sealed, InviteLinkSecret.fromBase64Url(link.toBase64Url()));

            assertEquals(aliceWorkspace.id, opened.workspaceId());
            assertEquals(alice.as(Role.OWNER), opened.inviter());
            assertEquals(aliceWorkspace.log.head(), opened.headAtInvite());
            assertEquals("Project Zebra ✓", opened.workspaceName());
            assertTrue(sealed.length <= Welcome.MAX_SEALED_LENGTH);
        }

        @Test
        void everyFlippedByte_isRefused() {
            byte[] sealed = welcome.seal(link, workspace.random);
            for (int i = 0; i < sealed.length; i++) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= 0x01;
                assertThrows(AuthenticationFailedException.class, () -> Welcome.open(tampered, link), "byte " + i);
            }
        }

        @Test
        void anotherLinksSecret_cannotOpenIt() {
            byte[] sealed = welcome.seal(link, workspace.random);

            assertThrows(AuthenticationFailedException.class,
                    () -> Welcome.open(sealed, InviteLinkSecret.generate(workspace.random)));
        }

        @Test
        void aNameOfNoOrTooManyBytes_isRefused() {
            assertThrows(IllegalArgumentException.class, () -> new Welcome(aliceWorkspace.id, alice.as(Role.OWNER),
                    aliceWorkspace.log.head(), ""));
            assertThrows(IllegalArgumentException.class, () -> new Welcome(aliceWorkspace.id, alice.as(Role.OWNER),
                    aliceWorkspace.log.head(), "x".repeat(101)));
        }
    }

    @Nested
    class Request {
        private final JoinRequest request = JoinRequest.sign(link, aliceWorkspace.id, carol.accountId(),
                carol.username(), carol.identity());

        @Test
        void parsed_verifiesWithTheLinkKey_andNamesTheJoiner() throws Exception {
            JoinRequest parsed = JoinRequest.parse(request.encode());

            parsed.verify(link.signingKey().publicKey());
            assertEquals(link.invitationId(), parsed.invitationId());
            assertEquals(aliceWorkspace.id, parsed.workspaceId());
            assertEquals(carol.accountId(), parsed.joiner());
            assertEquals(carol.username(), parsed.username());
            assertEquals(carol.identity().publicIdentity(), parsed.identity());
            assertArrayEquals(Sha256.labeled(Label.JOIN_REQUEST_HASH, request.encode()), parsed.hash());
        }

        @Test
        void everyFlippedByte_isRefusedByParsingOrVerifying() {
            byte[] encoded = request.encode();
            for (int i = 0; i < encoded.length; i++) {
                byte[] tampered = encoded.clone();
                tampered[i] ^= 0x01;
                int index = i;
                Exception e = assertThrows(Exception.class,
                        () -> JoinRequest.parse(tampered).verify(link.signingKey().publicKey()), "byte " + i);
                assertTrue(e instanceof InvalidMessageException || e instanceof InvalidSignatureException,
                        "byte " + index + " gave " + e);
            }
        }

        @Test
        void anotherLinksKey_isRefused_evenIfItSignedARequestNamingThisInvitation() throws Exception {
            InviteLinkSecret other = InviteLinkSecret.generate(workspace.random);

            assertThrows(InvalidSignatureException.class,
                    () -> request.verify(other.signingKey().publicKey()));
        }

        @Test
        void aServerWithoutTheFragment_cannotMakeOne() {
            // The server knows the invitation id and the link's public key, and may sign with any key it likes.
            IdentityKeyPair server = IdentityKeyPair.generate(workspace.random);
            JoinRequest forged = JoinRequest.sign(InviteLinkSecret.generate(workspace.random), aliceWorkspace.id,
                    carol.accountId(), carol.username(), server);

            assertThrows(InvalidSignatureException.class, () -> forged.verify(link.signingKey().publicKey()));
        }

        @Test
        void aRequestReSignedForAnotherJoiner_failsTheJoinerSignature() throws Exception {
            // A link holder swaps in another identity but cannot sign as it.
            Person mallory = workspace.person("mallory");
            byte[] encoded = request.encode();
            byte[] malloryKeys = mallory.identity().publicIdentity().toBytes();
            int identityAt = 49 + carol.username().toBytes().length;
            System.arraycopy(malloryKeys, 0, encoded, identityAt, malloryKeys.length);

            assertThrows(InvalidSignatureException.class,
                    () -> JoinRequest.parse(encoded).verify(link.signingKey().publicKey()));
        }

        @Test
        void aUsernameNotInItsNormalForm_doesNotParse() {
            byte[] encoded = request.encode();
            encoded[49] = 'C';

            assertThrows(InvalidMessageException.class, () -> JoinRequest.parse(encoded));
        }

        @Test
        void theOwnersConfirmation_namesTheRequestsHash_andTheLogAcceptsIt() {
            long expires = aliceWorkspace.now() + 86_400_000;
            aliceWorkspace.append(alice, new EntryBody.LinkInvite(link.invitationId(), link.signingKey().publicKey(),
                    Role.EDITOR, expires, false));
            JoinRequest toThisWorkspace = JoinRequest.sign(link, aliceWorkspace.id, carol.accountId(),
                    carol.username(), carol.identity());

            aliceWorkspace.append(alice, new EntryBody.LinkConfirm(link.invitationId(),
                    toThisWorkspace.joinerRecord(Role.EDITOR), toThisWorkspace.hash()));

            assertEquals(carol.as(Role.EDITOR), aliceWorkspace.log.member(carol.accountId()).orElseThrow());
        }
    }
}
