package dev.vellum.client.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.account.PassphraseStrength.Assessment;
import dev.vellum.client.account.PassphraseStrength.Rating;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassphraseStrengthTest {
    @ParameterizedTest
    @ValueSource(strings = {"password", "Password123!", "p@ssw0rd", "P4ssw0rd2024", "qwertyuiop", "1234567890",
        "letmein!!!", "iloveyou12", "Qwerty1234"})
    void wellKnownPasswords_areWeak_andRefused(String passphrase) {
        Assessment assessment = PassphraseStrength.assess(passphrase, "alice");
        assertEquals(Rating.WEAK, assessment.rating(), passphrase + ": " + assessment);
        assertFalse(assessment.acceptable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaa", "abcdefghijkl", "121212121212", "zyxwvutsrqpo", "asdfghjklasd",
        "hunter2hunter2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void repeatsAndSequences_areWeak(String passphrase) {
        assertEquals(Rating.WEAK, PassphraseStrength.assess(passphrase, "").rating(), passphrase);
    }

    @Test
    void shortPassphrase_isRefused_evenWhenVaried() {
        Assessment assessment = PassphraseStrength.assess("K#9v!Qz", "");
        assertFalse(assessment.acceptable());
        assertEquals(Rating.WEAK, assessment.rating());
        assertTrue(assessment.advice().contains("at least 10"), assessment.advice());
    }

    @Test
    void usernameInside_countsForLittle() {
        Assessment with = PassphraseStrength.assess("alicebobcarol7", "alicebobcarol");
        Assessment without = PassphraseStrength.assess("alicebobcarol7", "zed");
        assertTrue(with.bits() < without.bits(), with + " vs " + without);
        assertFalse(with.acceptable());
    }

    @Test
    void longPhraseOfWords_isStrong() {
        Assessment assessment = PassphraseStrength.assess("correct horse battery staple", "alice");
        assertEquals(Rating.STRONG, assessment.rating(), assessment.toString());
        assertTrue(assessment.acceptable());
    }

    @Test
    void tenMixedCharacters_areAcceptable() {
        Assessment assessment = PassphraseStrength.assess("Vq7;mT2#xk", "alice");
        assertTrue(assessment.acceptable(), assessment.toString());
    }

    @Test
    void tenLowerCaseLetters_withoutPattern_areFairAtBest() {
        Assessment assessment = PassphraseStrength.assess("gebralampu", "");
        assertEquals(Rating.FAIR, assessment.rating(), assessment.toString());
    }

    @Test
    void emptyPassphrase_showsAnEmptyMeter() {
        Assessment assessment = PassphraseStrength.assess("", "");
        assertEquals(0, assessment.meterValue());
        assertFalse(assessment.acceptable());
    }

    @Test
    void nonAsciiLetters_countAsAWideAlphabet() {
        Assessment assessment = PassphraseStrength.assess("ĉiuj ĝojas nun", "");
        assertTrue(assessment.acceptable(), assessment.toString());
    }
}
