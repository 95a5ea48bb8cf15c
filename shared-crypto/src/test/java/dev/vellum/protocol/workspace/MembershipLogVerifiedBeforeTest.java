package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.protocol.workspace.MembershipLogException.Reason;
import dev.vellum.testing.TestWorkspace;
import dev.vellum.testing.TestWorkspace.Person;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MembershipLog#verifyEncodedAfter}: signatures up to a head verified before are not checked again, nothing else. */
class MembershipLogVerifiedBeforeTest {
    private final Person alice = Person.named("alice", new dev.vellum.crypto.random.JvmSecureRandomSource());
    private final TestWorkspace workspace = TestWorkspace.createdBy(alice, "Team");
    private final Person bob = workspace.person("bob");
    private final Person carol = workspace.person("carol");

    /** The encoded entries with the signature of the entry at {@code sequence} spoiled (its hash changes with it). */
    private List<byte[]> withBadSignatureAt(int sequence) {
        List<byte[]> entries = new ArrayList<>(workspace.encodedEntries());
        byte[] spoiled = entries.get(sequence).clone();
        spoiled[spoiled.length - 1] ^= 1;
        entries.set(sequence, spoiled);
        return entries;
    }

    private static LogHead headOf(byte[] encoded) throws Exception {
        return MembershipEntry.parse(encoded).head();
    }

    @Test
    void signaturesUpToTheHeadVerifiedBefore_areNotCheckedAgain_theRestAre() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        List<byte[]> entries = withBadSignatureAt(workspace.log.length() - 1);
        LogHead spoiledHead = headOf(entries.get(entries.size() - 1));

        // Shows that the signature is what is skipped: a caller that vouches for this head gets the log...
        MembershipLog trusted = MembershipLog.verifyEncodedAfter(workspace.id, entries, spoiledHead);
        assertEquals(spoiledHead, trusted.head());
        assertEquals(workspace.log.members(), trusted.members());
        // ...while without it, or vouching for the entry before, the spoiled signature is refused.
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(MembershipLogException.class,
                () -> MembershipLog.verifyEncoded(workspace.id, entries)).reason());
        LogHead before = headOf(entries.get(entries.size() - 2));
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(MembershipLogException.class,
                () -> MembershipLog.verifyEncodedAfter(workspace.id, entries, before)).reason());
    }

    @Test
    void aHeadTheServedEntryDoesNotHashTo_meansEverySignatureIsCheckedAgain() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.VIEWER);
        LogHead genuine = workspace.log.head();
        List<byte[]> entries = withBadSignatureAt(1); // the chain after it breaks too

        MembershipLogException refused = assertThrows(MembershipLogException.class,
                () -> MembershipLog.verifyEncodedAfter(workspace.id, entries, genuine));
        assertEquals(Reason.BAD_SIGNATURE, refused.reason());
        assertEquals(1, refused.sequence());
    }

    @Test
    void aHeadBeyondTheServedLog_orNone_verifiesEverything() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        List<byte[]> all = workspace.encodedEntries();
        LogHead head = workspace.log.head();
        List<byte[]> shorter = all.subList(0, 2);
        assertEquals(MembershipLog.verifyEncoded(workspace.id, shorter).head(),
                MembershipLog.verifyEncodedAfter(workspace.id, shorter, head).head());
        assertEquals(head, MembershipLog.verifyEncodedAfter(workspace.id, all, LogHead.EMPTY).head());
        List<byte[]> spoiled = withBadSignatureAt(0);
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(MembershipLogException.class,
                () -> MembershipLog.verifyEncodedAfter(workspace.id, spoiled, LogHead.EMPTY)).reason());
    }

    @Test
    void everyRule_isStillChecked_forEntriesWhoseSignaturesAreSkipped() throws Exception {
        workspace.addMember(alice, bob, Role.VIEWER);
        // A viewer may not invite: signed validly by Bob, refused by the rules whatever the caller vouches for.
        MembershipEntry notAllowed = workspace.sign(bob, new EntryBody.Invite(carol.as(Role.EDITOR)));
        List<byte[]> entries = new ArrayList<>(workspace.encodedEntries());
        entries.add(notAllowed.encode());
        MembershipLogException refused = assertThrows(MembershipLogException.class,
                () -> MembershipLog.verifyEncodedAfter(workspace.id, entries, notAllowed.head()));
        assertEquals(Reason.NOT_ALLOWED, refused.reason());
        assertArrayEquals(notAllowed.hash(), notAllowed.head().entryHash());
    }
}
