package dev.vellum.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every case of a Wycheproof file and collects the ones that misbehave, in the manner of Tink's
 * WycheproofTestUtil: the test then asserts that list is empty and that every case ran.
 */
public final class Wycheproof {
    private Wycheproof() {
    }

    /** What the implementation did with one case. */
    public enum Outcome { ACCEPTED_CORRECTLY, ACCEPTED_WRONG_OUTPUT, REJECTED }

    @FunctionalInterface
    public interface CaseRunner {
        /** Runs one case; {@code group} holds group-wide inputs such as a public key. */
        Outcome run(JsonNode group, JsonNode test) throws Exception;
    }

    public static void assertAllCasesBehave(String file, CaseRunner runner) {
        JsonNode vectors = TestVectors.load("wycheproof/" + file);
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode group : vectors.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                count++;
                String result = test.get("result").asText();
                Outcome outcome;
                try {
                    outcome = runner.run(group, test);
                } catch (Exception e) {
                    failures.add("tcId " + test.get("tcId").asInt() + ": threw " + e);
                    continue;
                }
                boolean ok = switch (result) {
                    case "valid" -> outcome == Outcome.ACCEPTED_CORRECTLY;
                    case "invalid" -> outcome == Outcome.REJECTED;
                    default -> outcome != Outcome.ACCEPTED_WRONG_OUTPUT; // "acceptable": either, if right
                };
                if (!ok) {
                    failures.add("tcId " + test.get("tcId").asInt() + " (" + result + "): " + outcome);
                }
            }
        }
        assertEquals(vectors.get("numberOfTests").asInt(), count, file + ": every case ran");
        assertTrue(failures.isEmpty(), file + ":\n" + String.join("\n", failures));
    }
}
