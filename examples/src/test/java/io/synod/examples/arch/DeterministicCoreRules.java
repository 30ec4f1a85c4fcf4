package io.synod.examples.arch;

import com.tngtech.archunit.lang.ArchRule;

import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering rules of the house, as ArchUnit rules: protocol cores stay deterministic (no
 * thread, clock, unseeded randomness, file or socket), and no protocol module knows another
 * protocol, a concrete store, a concrete transport or the runtime.
 */
final class DeterministicCoreRules {

    /** Packages whose main code must be a deterministic core. */
    static final String[] CORE_PACKAGES = {
        "io.synod.paxos..", "io.synod.zab..", "io.synod.twophase..", "io.synod.threephase..", "io.synod.quorum.."
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
        String[] others = java.util.Arrays.stream(new String[] {"paxos", "zab", "twophase", "threephase"})
            .filter(p -> !p.equals(own)).map(p -> "io.synod." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.synod." + own + "..")
            .should().dependOnClassesThat().resideInAnyPackage(others)
            .because("no protocol module knows another");
    }
}
