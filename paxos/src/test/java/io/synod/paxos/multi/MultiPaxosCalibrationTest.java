package io.synod.paxos.multi;

import io.synod.api.Protocol;
import io.synod.testkit.Calibration;
import io.synod.testkit.Checks;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static io.synod.paxos.multi.PaxosInvariants.BALLOTS_REST_ON_DURABLE_PROMISES;
import static io.synod.paxos.multi.PaxosInvariants.CHOSEN_STAYS_CHOSEN;
import static io.synod.paxos.multi.PaxosInvariants.COMMITTED_MEANS_CHOSEN;
import static io.synod.paxos.multi.PaxosInvariants.NO_ACCEPTANCE_BELOW_PROMISE;

/**
 * Calibration: "zero violations" means something only if the simulator finds a broken
 * Multi-Paxos. Each test runs one deliberately broken variant — switched in through the same SPI,
 * either by wrapping the real core ({@link FlawedCore}) or by a {@link Flaw} the core honours —
 * under the checks of the real suite, and asserts (through {@link Calibration}) that a seed within
 * {@value #BUDGET} fails, that the check named in the module README's "caught by" column is the one
 * that caught it, and that the real Multi-Paxos passes that same seed. It prints the seed with
 * its report and replay command.
 */
class MultiPaxosCalibrationTest {

    static final int BUDGET = 1000;

    /** OVERLAPPING with a damaged disk after every other crash and no sync failures: the damage is the point. */
    static final FaultProfile DAMAGE = FaultProfile.OVERLAPPING.toBuilder().name("overlapping, damage-heavy")
        .damage(0.5).syncFailures(0).build();

    private static final String PAXOS = "paxos";

    private static MultiPaxos flawed(Flaw flaw) {
        return MultiPaxos.builder().flaw(flaw).build();
    }

    @Test
    void acceptorThatRepliesBeforePersistingItsPromiseIsCaught(TestInfo info) {
        caught(FlawedCore.protocol(MultiPaxos.builder().build(), "promise before persist", FlawedCore.PromiseBeforePersist::new),
            MultiPaxos.builder().build(), 3, FaultProfile.MIXED, PAXOS, BALLOTS_REST_ON_DURABLE_PROMISES, info);
    }

    @Test
    void acceptorThatAcceptsBelowItsPromiseIsCaught(TestInfo info) {
        caught(flawed(Flaw.ACCEPT_BELOW_PROMISE), MultiPaxos.builder().build(), 5, FaultProfile.MIXED, PAXOS,
            NO_ACCEPTANCE_BELOW_PROMISE, info);
    }

    @Test
    void leaderThatCommitsShortOfAQuorumIsCaught(TestInfo info) {
        caught(flawed(Flaw.COMMIT_SHORT_OF_QUORUM), MultiPaxos.builder().build(), 5, FaultProfile.MIXED, PAXOS,
            COMMITTED_MEANS_CHOSEN, info);
    }

    /**
     * Caught by the Paxos invariant first. (With snapshots streamed and the simulator's sessions,
     * which runs reach which point changes: under snapshot streaming alone agreement saw it first,
     * when a follower restarted from a snapshot reported the chosen slots through it as matching
     * and the flawed leader committed its own value there before any replica durably accepted it.)
     */
    @Test
    void leaderThatIgnoresValuesReportedInPromisesIsCaught(TestInfo info) {
        caught(FlawedCore.protocol(MultiPaxos.builder().build(), "ignores promised values", FlawedCore.IgnorePromisedValues::new),
            MultiPaxos.builder().build(), 3, FaultProfile.MIXED, PAXOS, CHOSEN_STAYS_CHOSEN, info);
    }

    @Test
    void followerThatCommitsSlotsItHoldsFromAnOlderBallotIsCaught(TestInfo info) {
        caught(flawed(Flaw.COMMIT_UNMATCHED_SLOTS), MultiPaxos.builder().build(), 3, FaultProfile.MIXED, Checks.AGREEMENT,
            null, info);
    }

    /** Early sends are safe only for proposals: an acceptance sent before its fsync must be caught. */
    @Test
    void acceptorThatSendsItsAcceptanceEarlyIsCaught(TestInfo info) {
        caught(flawed(Flaw.ACCEPTED_EARLY), MultiPaxos.builder().build(), 3, FaultProfile.MIXED, PAXOS, COMMITTED_MEANS_CHOSEN,
            info);
    }

    @Test
    void leaderThatServesReadsBeforeItsRecoveredSlotsAreChosenIsCaught(TestInfo info) {
        caught(flawed(Flaw.READ_BEFORE_RECOVERY), MultiPaxos.builder().build(), 3, FaultProfile.MIXED, Checks.LINEARIZABILITY,
            null, info);
    }

    @Test
    void replicaThatVotesAtOnceAfterADamagedLogIsCaught(TestInfo info) {
        caught(FlawedCore.ignoringSuspectLog(MultiPaxos.builder().build()), MultiPaxos.builder().build(), 3, DAMAGE, PAXOS,
            CHOSEN_STAYS_CHOSEN, info);
    }

    @Test
    void restartedFollowerThatForgetsTheLeaseIsCaught(TestInfo info) {
        caught(MultiPaxos.builder().leaseTicks(5).flaw(Flaw.LEASE_FORGOTTEN_ON_RESTART).build(),
            MultiPaxos.builder().leaseTicks(5).build(), 3, FaultProfile.OVERLAPPING, "lease", null, info);
    }

    private static void caught(Protocol broken, MultiPaxos correct, int replicas, FaultProfile faults, String check,
                               String detail, TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName();
        Calibration.Catch c = Calibration.caught(config(broken, replicas, faults), config(correct, replicas, faults), BUDGET,
            check, detail, Repro.of(MultiPaxosCalibrationTest.class, method));
        System.out.println("[calibration] " + method + ": caught by " + c.check() + (detail == null ? "" : " (" + detail + ")")
            + " at seed " + c.seed() + " (" + c.tried() + " seeds tried); the real core passes that seed\n" + c.report());
    }

    private static SimulationConfig<KvOp, String> config(Protocol protocol, int replicas, FaultProfile faults) {
        return SimulationConfig.builder(protocol)
            .replicas(replicas)
            .faults(faults)
            .readMode(ReadMode.READ_INDEX)
            .invariants(PaxosInvariants.all(replicas))
            .invariant(new LeaseInvariant())
            .chaosTicks(MultiPaxosMixedFaultsTest.CHAOS_TICKS)
            .quietTicks(MultiPaxosMixedFaultsTest.QUIET_TICKS)
            .livenessTicks(MultiPaxosMixedFaultsTest.LIVENESS_TICKS)
            .build();
    }
}
