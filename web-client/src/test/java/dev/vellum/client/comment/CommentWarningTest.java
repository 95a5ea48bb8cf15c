package dev.vellum.client.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.client.people.PersonName;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;
import org.junit.jupiter.api.Test;

class CommentWarningTest {
    private final SeededRandomSource random = new SeededRandomSource(5);
    private final IdentityKeyId author = IdentityKeyId.of(IdentityKeyPair.generate(random).publicIdentity());
    private final IdentityKeyId forger = IdentityKeyId.of(IdentityKeyPair.generate(random).publicIdentity());

    @Test
    void aForgedEditUnderTheVictimsOwnVisitorName_isNotPutOnTheVictim() {
        PersonName heron = PersonName.anonymous("Eager Heron");
        CommentWarning warning = new CommentWarning(CommentWarning.Kind.FORGED_EDIT, CommentId.random(random),
                forger, heron, author, heron);

        assertEquals("Someone else, using the name Eager Heron (no account), tried to change a comment by Eager Heron"
                + " (no account). The change was refused.", warning.message());
    }

    @Test
    void aForgedEditUnderAnotherName_namesBoth() {
        CommentWarning warning = new CommentWarning(CommentWarning.Kind.FORGED_EDIT, CommentId.random(random),
                forger, PersonName.anonymous("Mallory"), author, PersonName.account("alice"));

        assertEquals("Mallory (no account) tried to change a comment by alice. The change was refused.",
                warning.message());
    }
}
