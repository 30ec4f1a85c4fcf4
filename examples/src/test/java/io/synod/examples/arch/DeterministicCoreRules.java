package io.synod.examples.arch;

import com.tngtech.archunit.lang.ArchRule;

import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering rules of the house, as ArchUnit rules: protocol cores and the parts they share stay
 * deterministic (no thread, clock, unseeded randomness, file or socket); a protocol may use the
 * shared protocol parts ({@code io.synod.protocol}) but never another protocol, a concrete store, a
 * concrete transport or the runtime; and the shared parts know no protocol.
 */
final class DeterministicCoreRules {

    /** The protocols; none may know another. */
    static final String[] PROTOCOLS = {"paxos", "zab", "twophase", "threephase"};

    /** Where the parts more than one protocol needs live. */
    static final String SHARED_PARTS = "io.synod.protocol..";

    /** Packages whose main code must be a deterministic core. */
    static final String[] CORE_PACKAGES = {
        "io.synod.paxos..", "io.synod.zab..", "io.synod.twophase..", "io.synod.threephase..", "io.synod.quorum..",
        SHARED_PARTS
    };

    private DeterministicCoreRules() {
    }

    static ArchRule noThreads() {
        return noClasses().that().resideInAnyPackage(CORE_PACKAGES)
            .should().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().areAssignableTo(Executors.class)
            .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
            .because("a protocol core is single-threaded; the runtime owns threads");
    }

    static ArchRule noClocks() {
        return noClasses().that().resideInAnyPackage(CORE_PACKAGES)
            .should().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().dependOnClassesThat().resideInAPackage("java.time..")
            .because("time reaches a core only as ticks");
    }

    static ArchRule noUnseededRandomness() {
        return noClasses().that().resideInAnyPackage(CORE_PACKAGES)
            .should().dependOnClassesThat().areAssignableTo(Random.class)
            .orShould().dependOnClassesThat().areAssignableTo(SecureRandom.class)
            .orShould().dependOnClassesThat().areAssignableTo(ThreadLocalRandom.class)
            .orShould().dependOnClassesThat().areAssignableTo(SplittableRandom.class)
            .orShould().callMethod(Math.class, "random")
            .because("a core draws only from ProtocolContext.random(), which the simulator seeds");
    }

    static ArchRule noFilesOrSockets() {
        return noClasses().that().resideInAnyPackage(CORE_PACKAGES)
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
            .because("a core does no I/O: persistence and messages leave through Ready");
    }

    static ArchRule noConcreteEdges() {
        return noClasses().that().resideInAnyPackage(CORE_PACKAGES)
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.synod.storage..", "io.synod.transport..", "io.synod.runtime..", "io.synod.testkit..", "io.synod.examples..")
            .because("protocols know only the SPI, never a concrete store, transport or driver");
    }

    static ArchRule noOtherProtocol(String own) {
        String[] others = java.util.Arrays.stream(PROTOCOLS)
            .filter(p -> !p.equals(own)).map(p -> "io.synod." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.synod." + own + "..")
            .should().dependOnClassesThat().resideInAnyPackage(others)
            .because("no protocol module knows another; what two protocols need lives in io.synod.protocol");
    }

    /**
     * What a protocol may use, and nothing else: its own packages, the SPI, quorums, the shared
     * protocol parts, the JDK and the few libraries a core may use (Agrona's buffers, SLF4J's API).
     */
    static ArchRule protocolUsesOnlyTheSpiAndSharedParts(String own) {
        return classes().that().resideInAPackage("io.synod." + own + "..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.synod." + own + "..", "io.synod.api..",
                "io.synod.spi..", "io.synod.quorum..", SHARED_PARTS, "java..", "org.agrona..", "org.slf4j..")
            .because("a protocol is built on the SPI, quorums and the shared protocol parts only");
    }

    /** The shared parts serve every protocol, so they know none. */
    static ArchRule sharedPartsKnowNoProtocol() {
        String[] protocols = java.util.Arrays.stream(PROTOCOLS).map(p -> "io.synod." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(SHARED_PARTS)
            .should().dependOnClassesThat().resideInAnyPackage(protocols)
            .because("the shared protocol parts serve every protocol and must not tie one to another");
    }
}
