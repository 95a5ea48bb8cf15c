package dev.vellum.client.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.account.AccountSession.Standing;
import dev.vellum.client.account.AccountSession.State;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Could not reach the server" is not "logged out": a browser that was logged in never becomes an anonymous visitor
 * because {@code GET /api/session} failed, and a session that ended elsewhere is told apart from a logout here.
 */
class SessionCheckTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static SignUpMaterial alice;
    private static SessionSecret secret;
    private static byte[] loggedIn;
    private static byte[] loggedOut;

    @BeforeAll
    static void signUp() throws Exception {
        alice = SignUpMaterial.create(Username.parse("alice"), "tin kettle wanders north", RANDOM,
                1_796_000_000_000L, Timings.NONE);
        secret = SessionSecret.random(RANDOM);
        LocalDeviceRecord record = alice.localRecord(secret, RANDOM);
        loggedIn = record.encode();
        loggedOut = record.withoutSession().encode();
    }

    private static AccountApi.Session session(SessionSecret sessionSecret) {
        return new AccountApi.Session(alice.account().accountId(), "alice",
                alice.account().device().publicIdentity().signingKey(), sessionSecret);
    }

    @Test
    void serverUnreachable_whileThisBrowserHoldsSessionKeys_isUnreachable_notLoggedOut() {
        State state = SessionCheck.notAnswered(ApiError.unreachable(), List.of(loggedIn));

        assertEquals(Standing.UNREACHABLE, state.standing());
        assertEquals("alice", state.username());
        assertTrue(state.keysUnavailable());
        assertFalse(state.signedIn());
    }

    @Test
    void serverErrorOrUnreadableAnswer_isUnreachableToo() {
        assertEquals(Standing.UNREACHABLE, SessionCheck.notAnswered(
                new ApiError(500, "server-error", "", 0), List.of(loggedIn)).standing());
        assertEquals(Standing.UNREACHABLE, SessionCheck.notAnswered(
                ApiError.unreadable(502), List.of(loggedIn)).standing());
    }

    @Test
    void notSignedIn_whileThisBrowserStillHoldsSessionKeys_isSessionEnded() {
        State state = SessionCheck.notAnswered(new ApiError(401, "not-signed-in", "", 0), List.of(loggedIn));

        assertEquals(Standing.SESSION_ENDED, state.standing());
        assertEquals("alice", state.username());
        assertTrue(state.keysUnavailable());
    }

    @Test
    void nobodyLoggedInHere_staysLoggedOut_whetherTheServerAnswersOrNot() {
        for (List<byte[]> stored : List.of(List.<byte[]>of(), List.of(loggedOut), List.of(new byte[] {9, 9}))) {
            assertEquals(State.LOGGED_OUT, SessionCheck.notAnswered(ApiError.unreachable(), stored));
            assertEquals(State.LOGGED_OUT, SessionCheck.notAnswered(
                    new ApiError(401, "not-signed-in", "", 0), stored));
        }
    }

    @Test
    void liveSession_opensTheKeys_andAnotherSecretOrNoRecordIsLocked_neverAnonymous() {
        State open = SessionCheck.answered(session(secret), loggedIn);
        assertEquals(Standing.SIGNED_IN, open.standing());
        assertEquals(alice.account().device().publicIdentity(),
                open.account().signedInDevice().device().publicIdentity());

        assertEquals(Standing.LOCKED, SessionCheck.answered(session(SessionSecret.random(RANDOM)), loggedIn)
                .standing());
        State noKeysHere = SessionCheck.answered(session(secret), null);
        assertEquals(Standing.LOCKED, noKeysHere.standing());
        assertTrue(noKeysHere.keysUnavailable(), "a live session without keys here is not an anonymous visitor");
        assertEquals("alice", noKeysHere.lockedUsername());
    }

    @Test
    void notSignedIn_dropsTheSessionSealedKeys_andKeepsTheRest() throws Exception {
        Map<String, byte[]> rewritten = SessionCheck.withoutEndedSessionKeys(
                new ApiError(401, "not-signed-in", "", 0), List.of(loggedIn, loggedOut, new byte[] {9, 9}));

        assertEquals(List.of("alice"), List.copyOf(rewritten.keySet()));
        LocalDeviceRecord kept = LocalDeviceRecord.decode(rewritten.get("alice"));
        assertFalse(kept.hasSession(), "the copy sealed under the ended session stays on disk");
        assertArrayEquals(loggedOut, rewritten.get("alice"), "the device and its passphrase-sealed keys stay");
    }

    @Test
    void anyOtherFailure_dropsNothing_forTheSessionMayBeLive() {
        for (ApiError error : List.of(ApiError.unreachable(), ApiError.unreadable(502),
                new ApiError(500, "server-error", "", 0), new ApiError(403, "invalid-request", "", 0))) {
            assertTrue(SessionCheck.withoutEndedSessionKeys(error, List.of(loggedIn)).isEmpty(), error.code());
        }
    }
}
