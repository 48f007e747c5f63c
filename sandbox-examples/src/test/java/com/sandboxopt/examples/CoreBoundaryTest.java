package com.sandboxopt.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Code around sandbox-core (the examples) uses its public API only, as any application would. */
class CoreBoundaryTest {

    @Test
    void nothingOutsideTheCoreImportsItsInternals() {
        noClasses().that().resideOutsideOfPackage("com.sandboxopt.core..")
                .should().dependOnClassesThat().resideInAPackage("com.sandboxopt.core.internal..")
                .because("com.sandboxopt.core.internal may change in any release; the public API is the contract")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.sandboxopt"));
    }
}
