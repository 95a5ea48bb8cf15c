package dev.vellum.server.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's boundaries, checked on its compiled production classes. The first rule is the project's central
 * promise made mechanical: the server can parse and verify items, and has no way to name anything that decrypts,
 * holds a secret key, or seals. (Its tests may: they play the clients.)
 */
class ServerArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vellum.server");

    @Test
    void server_neverReachesTheSealingSideOrASecretKey() {
        noClasses().that().resideInAPackage("dev.vellum.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vellum.protocol.seal..",
                        "dev.vellum.crypto.aead..", "dev.vellum.crypto.hpke..", "dev.vellum.crypto.key..",
                        "dev.vellum.crypto.internal..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("PrivateKey")
                .orShould().dependOnClassesThat().haveSimpleName("IdentityKeyPair")
                .check(PRODUCTION);
    }

    @Test
    void packages_areFreeOfCycles() {
        slices().matching("dev.vellum.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }
}
