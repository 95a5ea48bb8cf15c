package dev.vellum.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of shared-crypto, checked on the compiled production classes so that breaking one fails
 * the build rather than waiting for a reviewer.
 */
class SharedCryptoArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vellum.crypto", "dev.vellum.protocol", "dev.vellum.error", "dev.vellum.encoding");

    @Test
    void packages_areFreeOfCycles() {
        slices().matching("dev.vellum.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }

    /** Live key bytes and the nonce-misuse AEADs are for the primitives only; see KeyAccess for why. */
    @Test
    void internalCryptoPackages_areUsedOnlyByCrypto() {
        noClasses().that().resideOutsideOfPackage("dev.vellum.crypto..")
                .should().dependOnClassesThat().resideInAPackage("dev.vellum.crypto..internal..")
                .check(PRODUCTION);
    }

    /** What the server may parse must not reach a secret: public formats and ids name no sealing-side class. */
    @Test
    void publicFormats_dependOnNoSealingSide() {
        noClasses().that().resideInAnyPackage("dev.vellum.protocol.id..", "dev.vellum.protocol.item..",
                        "dev.vellum.protocol.wire..", "dev.vellum.error..", "dev.vellum.encoding..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vellum.protocol.seal..",
                        "dev.vellum.crypto.aead..", "dev.vellum.crypto.hpke..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("PrivateKey")
                .check(PRODUCTION);
    }
}
