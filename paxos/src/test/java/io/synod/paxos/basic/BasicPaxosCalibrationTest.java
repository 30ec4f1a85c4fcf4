package io.synod.paxos.basic;

import io.synod.paxos.basic.BrokenBasicPaxos.Flaw;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.Invariant;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.Simulation;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Calibration: deliberately broken variants of Basic Paxos ({@link BrokenBasicPaxos}) must be
 * caught by the simulator within {@value #BUDGET} seeds of the mixed-fault profile, or the
 * simulator's silence about the real protocol would prove nothing. Each test stops at the first
 * failing seed and prints it with its replay command.
 *
 * <p>The tests named after a flaw use only the generic checks every protocol gets (agreement,
 * validity, order, linearizability): they show that the flaw does real damage a client could
 * observe. Liveness is not asked for, so only a broken safety property counts as a catch. {@link #chosenStaysChosenCatchesEveryFlaw} shows that the protocol's own
 * invariant, {@link ChosenStaysChosen}, catches each flaw earlier, at the step where it happens.
 */
class BasicPaxosCalibrationTest {

    /** The most seeds a flaw may take to be caught. */
    static final int BUDGET = 1_000;

    /** The mixed profile over slow links (mean extra delay 40 ms, four ticks) with frequent short crashes. */
    static final FaultProfile SLOW_MIXED = FaultProfile.MIXED.toBuilder().name("mixed-slow-links")
        .delay(200, 40_000).crashes(6, 3).build();

    @Test
    void acceptorRepliesBeforePersistingItsPromise() {
        caught(Flaw.PROMISE_BEFORE_PERSIST, FaultProfile.MIXED, 3, List.of(), "acceptorRepliesBeforePersistingItsPromise");
    }

    @Test
    void acceptorRepliesBeforePersistingItsAcceptance() {
        caught(Flaw.ACCEPTED_BEFORE_PERSIST, FaultProfile.MIXED, 3, List.of(), "acceptorRepliesBeforePersistingItsAcceptance");
    }

    @Test
    void acceptorAcceptsBelowItsPromise() {
        caught(Flaw.ACCEPT_BELOW_PROMISE, FaultProfile.MIXED, 3, List.of(), "acceptorAcceptsBelowItsPromise");
    }

    @Test
    void learnerLearnsFromANonQuorum() {
        caught(Flaw.LEARN_FROM_ONE_ACCEPTOR, FaultProfile.MIXED, 3, List.of(), "learnerLearnsFromANonQuorum");
    }

    @Test
    void proposerIgnoresValuesReportedInPromises() {
        caught(Flaw.IGNORE_PROMISED_VALUES, FaultProfile.MIXED, 3, List.of(), "proposerIgnoresValuesReportedInPromises");
    }

    @Test
    void proposerAdoptsTheLowestBallotValue() {
        caught(Flaw.ADOPT_LOWEST_BALLOT, FaultProfile.MIXED, 3, List.of(), "proposerAdoptsTheLowestBallotValue");
    }

    @Test
    void learnerCountsVotesAcrossBallots() {
        // Subtle: the generic checks need slow links (old acceptances outlive several ballots) to see it.
        caught(Flaw.COUNT_VOTES_ACROSS_BALLOTS, SLOW_MIXED, 3, List.of(), "learnerCountsVotesAcrossBallots");
    }

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void chosenStaysChosenCatchesEveryFlaw(Flaw flaw) {
        caught(flaw, FaultProfile.MIXED, 3, List.of(new ChosenStaysChosen(BasicPaxosConformanceTest.majority(3))),
            "chosenStaysChosenCatchesEveryFlaw");
    }

    /**
     * Runs {@code flaw} for up to {@link #BUDGET} seeds (or the one {@code -Dsynod.seed} names)
     * and fails unless some seed fails; prints the first failing seed.
     */
    static SimulationResult<KvOp, String> caught(Flaw flaw, FaultProfile profile, int replicas, List<Invariant> invariants,
                                                  String method) {
        SimulationConfig<KvOp, String> config = SimulationConfig.builder(new BrokenBasicPaxos(BasicPaxos.defaults(), flaw))
            .replicas(replicas).faults(profile).invariants(invariants)
            // Every flaw here is a safety bug: only a safety or linearizability failure counts as catching it.
            .expectLiveness(false).build();
        Repro repro = Repro.of(BasicPaxosCalibrationTest.class, method);
        List<Long> seeds = SeedRunner.seeds(BUDGET, null);
        for (long seed : seeds) {
            SimulationResult<KvOp, String> result = Simulation.run(config.withSeed(seed));
            Optional<String> failure = result.failure();
            if (failure.isPresent()) {
                assertTrue(!result.violations().isEmpty() || !result.linearizability().isLinearizable());
                // Replaying through the SeedRunner proves the seed fails again and yields the full
                // report (fault schedule, trace files when -Dsynod.trace is set).
                AssertionError report = assertThrows(AssertionError.class,
                    () -> SeedRunner.check(config.withSeed(seed), repro));
                System.out.println("calibration: " + flaw + " (" + replicas + " replicas, " + profile + ", "
                    + (invariants.isEmpty() ? "generic checks" : "with " + invariants.get(0).name()) + ") caught at seed "
                    + seed + " after " + (seeds.indexOf(seed) + 1) + " seeds:\n  "
                    + report.getMessage().lines().filter(l -> !l.startsWith("regression ledger")).limit(3)
                        .reduce((a, b) -> a + "\n  " + b).orElse("")
                    + "\n  " + report.getMessage().lines().filter(l -> l.startsWith("replay") || l.startsWith("trace")
                        || l.startsWith("to draw")).reduce((a, b) -> a + "\n  " + b).orElse(""));
                return result;
            }
        }
        return fail("the simulator did not catch " + flaw + " in " + seeds.size() + " seeds of " + profile + " with "
            + replicas + " replicas: the checks would not notice this bug");
    }
}
