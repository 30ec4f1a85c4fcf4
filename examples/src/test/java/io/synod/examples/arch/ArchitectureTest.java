package io.synod.examples.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds every module on the class path to the house's layering rules. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.synod");

    private static final List<ArchRule> CORE_RULES = List.of(
        DeterministicCoreRules.noThreads(),
        DeterministicCoreRules.noClocks(),
        DeterministicCoreRules.noUnseededRandomness(),
        DeterministicCoreRules.noFilesOrSockets(),
        DeterministicCoreRules.noConcreteEdges());

    @Test
    void theRulesSeeTheProtocolModules() {
        assertFalse(MAIN.that(com.tngtech.archunit.base.DescribedPredicate.describe("in paxos",
            c -> c.getPackageName().startsWith("io.synod.paxos"))).isEmpty(), "paxos classes were imported");
    }

    @Test
    void protocolCoresAreDeterministicAndKnowOnlyTheSpi() {
        CORE_RULES.forEach(rule -> rule.check(MAIN));
    }

    @Test
    void theRulesSeeTheSharedProtocolParts() {
        assertFalse(MAIN.that(com.tngtech.archunit.base.DescribedPredicate.describe("in the shared parts",
            c -> c.getPackageName().startsWith("io.synod.protocol"))).isEmpty(), "shared protocol parts were imported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"paxos", "zab", "twophase", "threephase"})
    void noProtocolKnowsAnother(String protocol) {
        DeterministicCoreRules.noOtherProtocol(protocol).allowEmptyShould(true).check(MAIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"paxos", "zab", "twophase", "threephase"})
    void protocolsUseOnlyTheSpiAndTheSharedParts(String protocol) {
        DeterministicCoreRules.protocolUsesOnlyTheSpiAndSharedParts(protocol).allowEmptyShould(true).check(MAIN);
    }

    @Test
    void theSharedPartsKnowNoProtocol() {
        DeterministicCoreRules.sharedPartsKnowNoProtocol().check(MAIN);
    }

    /** Calibration: each rule really fails on a core that breaks it. */
    @Test
    void everyRuleCatchesAViolatingCore() {
        JavaClasses violator = new ClassFileImporter().importClasses(io.synod.paxos.fixture.ImpureCore.class);
        for (ArchRule rule : CORE_RULES) {
            AssertionError error = assertThrows(AssertionError.class, () -> rule.check(violator), rule.getDescription());
            assertTrue(error.getMessage().contains("ImpureCore"), error.getMessage());
        }
        assertThrows(AssertionError.class, () -> DeterministicCoreRules.noOtherProtocol("paxos").check(violator));
        AssertionError layering = assertThrows(AssertionError.class,
            () -> DeterministicCoreRules.protocolUsesOnlyTheSpiAndSharedParts("paxos").check(violator));
        assertTrue(layering.getMessage().contains("io.synod.storage") && layering.getMessage().contains("io.synod.zab"),
            layering.getMessage());
    }

    /** Calibration: the shared parts are held to the core rules, and may not know a protocol. */
    @Test
    void theRulesCatchASharedPartThatKnowsAProtocolOrReadsTheClock() {
        JavaClasses part = new ClassFileImporter().importClasses(io.synod.protocol.fixture.ProtocolAwarePart.class);
        AssertionError knows = assertThrows(AssertionError.class, () -> DeterministicCoreRules.sharedPartsKnowNoProtocol().check(part));
        assertTrue(knows.getMessage().contains("ProtocolAwarePart") && knows.getMessage().contains("io.synod.zab"), knows.getMessage());
        AssertionError clock = assertThrows(AssertionError.class, () -> DeterministicCoreRules.noClocks().check(part));
        assertTrue(clock.getMessage().contains("currentTimeMillis"), clock.getMessage());
    }

    /** Control: a protocol that uses the shared parts breaks no rule. */
    @Test
    void aProtocolMayUseTheSharedParts() {
        JavaClasses core = new ClassFileImporter().importClasses(io.synod.paxos.fixture.SharedPartsCore.class);
        CORE_RULES.forEach(rule -> rule.check(core));
        DeterministicCoreRules.noOtherProtocol("paxos").check(core);
        DeterministicCoreRules.protocolUsesOnlyTheSpiAndSharedParts("paxos").check(core);
    }
}
