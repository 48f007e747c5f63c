package com.sandboxopt.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.sandboxopt.core.Sandbox;
import com.sandboxopt.core.SandboxBuilder;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What may import what in sandbox-core: the public packages are the door and the values passing through it, the
 * internals do the work, and GraalPy's library stays inside its runtime's package.
 */
class BoundaryTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.sandboxopt.core");
    }

    @Test
    void publicTypesOtherThanTheDoorDoNotLeanOnInternals() {
        noClasses().that().resideInAnyPackage("com.sandboxopt.core", "com.sandboxopt.core.event",
                        "com.sandboxopt.core.solver", "com.sandboxopt.core.storage")
                .and().doNotBelongToAnyOf(Sandbox.class, SandboxBuilder.class)
                .should().dependOnClassesThat().resideInAPackage("com.sandboxopt.core.internal..")
                .because("only the door (Sandbox, built by SandboxBuilder) wires the internals; values and interfaces"
                        + " stand on their own")
                .check(core);
    }

    @Test
    void internalsDoNotReachBackIntoTheDoor() {
        noClasses().that().resideInAPackage("com.sandboxopt.core.internal..")
                .should().dependOnClassesThat().belongToAnyOf(Sandbox.class, SandboxBuilder.class)
                .because("internals implement the public interfaces and pass the public values, but never call the"
                        + " facade that owns them")
                .check(core);
    }

    @Test
    void graalPyIsImportedOnlyByItsRuntime() {
        noClasses().that().resideOutsideOfPackage("com.sandboxopt.core.internal.runtime.graalpy..")
                .should().dependOnClassesThat().resideInAPackage("org.graalvm..")
                .because("GraalPy is one runtime among others: nothing else may need its library")
                .check(core);
    }

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching("com.sandboxopt.core.internal.(**)").should().beFreeOfCycles().check(core);
    }
}
