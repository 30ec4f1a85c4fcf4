package io.synod.paxos.multi;

import io.synod.api.Protocol;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Calibration: "zero violations" means something only if the simulator finds a broken
 * Multi-Paxos. Each test runs one deliberately broken variant — switched in through the same SPI,
 * either by wrapping the real core ({@link FlawedCore}) or by a {@link Flaw} the core honours —
 * under the checks of the real suite, and asserts that a seed within {@value #BUDGET} fails with a
 * safety or linearizability violation (a stalled run is not a catch). It stops at the first
 * failing seed and prints it with its report and replay command.
 */
class MultiPaxosCalibrationTest {

    static final int BUDGET = 1000;

    private static MultiPaxos flawed(Flaw flaw) {
        return MultiPaxos.builder().flaw(flaw).build();
    }

    @Test
    void acceptorThatRepliesBeforePersistingItsPromiseIsCaught(TestInfo info) {
        caught(FlawedCore.protocol(MultiPaxos.builder().build(), "promise before persist",
            FlawedCore.PromiseBeforePersist::new), 3, FaultProfile.MIXED, info);
    }

    @Test
    void acceptorThatAcceptsBelowItsPromiseIsCaught(TestInfo info) {
        caught(flawed(Flaw.ACCEPT_BELOW_PROMISE), 3, FaultProfile.MIXED, info);
    }

    @Test
    void leaderThatCommitsShortOfAQuorumIsCaught(TestInfo info) {
        caught(flawed(Flaw.COMMIT_SHORT_OF_QUORUM), 5, FaultProfile.MIXED, info);
    }

    @Test
    void leaderThatIgnoresValuesReportedInPromisesIsCaught(TestInfo info) {
        caught(FlawedCore.protocol(MultiPaxos.builder().build(), "ignores promised values",
            FlawedCore.IgnorePromisedValues::new), 3, FaultProfile.MIXED, info);
    }

    @Test
    void followerThatCommitsSlotsItHoldsFromAnOlderBallotIsCaught(TestInfo info) {
        caught(flawed(Flaw.COMMIT_UNMATCHED_SLOTS), 3, FaultProfile.MIXED, info);
    }

    /** Early sends are safe only for proposals: an acceptance sent before its fsync must be caught. */
    @Test
    void acceptorThatSendsItsAcceptanceEarlyIsCaught(TestInfo info) {
        caught(flawed(Flaw.ACCEPTED_EARLY), 3, FaultProfile.MIXED, info);
    }

    @Test
    void leaderThatServesReadsBeforeItsRecoveredSlotsAreChosenIsCaught(TestInfo info) {
        caught(flawed(Flaw.READ_BEFORE_RECOVERY), 3, FaultProfile.MIXED, info);
    }

    /** Runs seeds until one fails; fails the test if none of the first {@value #BUDGET} does. */
    private static void caught(Protocol protocol, int replicas, FaultProfile faults, TestInfo info) {
        SimulationConfig<KvOp, String> config = SimulationConfig.builder(protocol)
            .replicas(replicas)
            .faults(faults)
            .readMode(ReadMode.READ_INDEX)
            .invariants(PaxosInvariants.all(replicas))
            .build();
        String method = info.getTestMethod().orElseThrow().getName();
        Repro repro = Repro.of(MultiPaxosCalibrationTest.class, method);
        int tried = 0;
        for (long seed : SeedRunner.seeds(BUDGET, repro)) {
            tried++;
            try {
                SeedRunner.check(config.withSeed(seed), repro);
            } catch (AssertionError found) {
                String report = found.getMessage();
                System.out.println("[calibration] " + method + ": caught at seed " + seed + " (seed " + tried
                    + " tried)\n" + report);
                assertFalse(report.lines().skip(1).findFirst().orElse("").startsWith("liveness"),
                    "the variant only stalled; a calibration variant must break safety or linearizability:\n" + report);
                return;
            }
        }
        fail(method + " survived " + tried + " seeds: the simulator does not catch this flaw");
    }
}
