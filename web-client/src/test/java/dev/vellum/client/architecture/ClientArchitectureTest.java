package dev.vellum.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package boundaries of the web client, checked on its compiled production classes. */
class ClientArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vellum.client");

    @Test
    void packages_areFreeOfCycles() {
        slices().matching("dev.vellum.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }

    /** The CRDT is a data structure: it merges text and knows nothing of keys or ciphers. */
    @Test
    void crdt_dependsOnNothingInCrypto() {
        noClasses().that().resideInAPackage("dev.vellum.client.crdt..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vellum.crypto..", "dev.vellum.protocol.seal..")
                .check(PRODUCTION);
    }

    /**
     * Live key bytes are for the primitives in dev.vellum.crypto only (see KeyAccess), and the app never reaches the
     * nonce-misuse AEADs (only the conformance module, which is test code, exports them to check the browser build).
     */
    @Test
    void cryptoInternals_areNotUsedByTheApp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vellum.crypto.internal..",
                "dev.vellum.crypto.aead.internal..").check(PRODUCTION);
    }
}
