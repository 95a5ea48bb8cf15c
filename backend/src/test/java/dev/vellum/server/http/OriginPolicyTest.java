package dev.vellum.server.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy policy = new OriginPolicy(List.of("https://Notes.Example"));

    @Test
    void ownOrigin_byHostHeader_isPermitted_inEitherSchemeAndAnyCase() {
        assertTrue(policy.permits("http://localhost:8080", "localhost:8080"));
        assertTrue(policy.permits("https://vellum.example", "vellum.example"));
        assertTrue(policy.permits("HTTPS://Vellum.Example", "vellum.example"));
    }

    @Test
    void foreignOrigins_areRefused_evenOnlyAPortOrSuffixApart() {
        assertFalse(policy.permits("http://localhost:8081", "localhost:8080"));
        assertFalse(policy.permits("https://vellum.example.evil", "vellum.example"));
        assertFalse(policy.permits("null", "vellum.example"));
        assertFalse(policy.permits("https://vellum.example", null));
    }

    @Test
    void allowedOrigins_arePermitted_whateverTheHost_andMissingOriginIsANonBrowserClient() {
        assertTrue(policy.permits("https://notes.example", "internal:8080"));
        assertTrue(policy.permits(null, "internal:8080"));
    }
}
