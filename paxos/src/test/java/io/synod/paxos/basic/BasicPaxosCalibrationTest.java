package io.synod.paxos.basic;

import io.synod.paxos.basic.BrokenBasicPaxos.Flaw;
import io.synod.testkit.Calibration;
import io.synod.testkit.Checks;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.Invariant;
import io.synod.testkit.Repro;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

/**
 * Calibration: deliberately broken variants of Basic Paxos ({@link BrokenBasicPaxos}) must be
 * caught by the simulator within {@value #BUDGET} seeds, by the check the module README names,
 * while the real Basic Paxos passes the very seed that caught each (through {@link Calibration}).
 * Each test prints the seed with its replay command.
 *
 * <p>The tests named after a flaw use only the generic checks every protocol gets (agreement,
 * validity, order, linearizability): they show the flaw does damage a client could observe — each
 * is caught by agreement. Liveness is not asked for, so only a broken safety property counts.
 * {@link #chosenStaysChosenCatchesEveryFlaw} shows that the protocol's own invariant,
 * {@link ChosenStaysChosen}, catches each flaw, mostly earlier, at the step where it happens.
 */
class BasicPaxosCalibrationTest {

    /** The most seeds a flaw may take to be caught. */
    static final int BUDGET = 1_000;

    /** The mixed profile over slow links (mean extra delay 40 ms, four ticks) with frequent short crashes. */
    static final FaultProfile SLOW_MIXED = FaultProfile.MIXED.toBuilder().name("mixed-slow-links")
        .delay(200, 40_000).crashes(6, 3).build();

    /**
     * MIXED with a crash every two ticks, down for one. A promise lost in a crash between its send
     * and its persist shows to clients (two values chosen) only when another proposer races for the
     * same slot right then: about 1 seed in 2,000 of plain MIXED, about 1 in 250 here.
     */
    static final FaultProfile CRASH_HEAVY = FaultProfile.MIXED.toBuilder().name("mixed, crash every 2 ticks")
        .crashes(2, 1).build();

    /** OVERLAPPING with a damaged disk after every other crash and no sync failures: the damage is the point. */
    static final FaultProfile DAMAGE = FaultProfile.OVERLAPPING.toBuilder().name("overlapping, damage-heavy")
        .damage(0.5).syncFailures(0).build();

    /**
     * Under overlapping faults: with mixed ones the generic checks no longer see it within the
     * budget (the invariant still does), since snapshots are written in the background and
     * streamed in chunks, which changed which runs lead to two duelling proposers over a promise
     * that was lost.
     */
    @Test
    void acceptorRepliesBeforePersistingItsPromise() {
        caught(Flaw.PROMISE_BEFORE_PERSIST, CRASH_HEAVY, 8, List.of(), Checks.AGREEMENT, "acceptorRepliesBeforePersistingItsPromise");
    }

    @Test
    void acceptorRepliesBeforePersistingItsAcceptance() {
        caught(Flaw.ACCEPTED_BEFORE_PERSIST, FaultProfile.MIXED, List.of(), Checks.AGREEMENT,
            "acceptorRepliesBeforePersistingItsAcceptance");
    }

    @Test
    void acceptorAcceptsBelowItsPromise() {
        caught(Flaw.ACCEPT_BELOW_PROMISE, FaultProfile.MIXED, List.of(), Checks.AGREEMENT, "acceptorAcceptsBelowItsPromise");
    }

    @Test
    void learnerLearnsFromANonQuorum() {
        caught(Flaw.LEARN_FROM_ONE_ACCEPTOR, FaultProfile.MIXED, List.of(), Checks.AGREEMENT, "learnerLearnsFromANonQuorum");
    }

    @Test
    void proposerIgnoresValuesReportedInPromises() {
        caught(Flaw.IGNORE_PROMISED_VALUES, FaultProfile.MIXED, List.of(), Checks.AGREEMENT, "proposerIgnoresValuesReportedInPromises");
    }

    @Test
    void proposerAdoptsTheLowestBallotValue() {
        caught(Flaw.ADOPT_LOWEST_BALLOT, FaultProfile.MIXED, List.of(), Checks.AGREEMENT, "proposerAdoptsTheLowestBallotValue");
    }

    @Test
    void learnerCountsVotesAcrossBallots() {
        // Subtle: the generic checks need slow links (old acceptances outlive several ballots) to see it.
        caught(Flaw.COUNT_VOTES_ACROSS_BALLOTS, SLOW_MIXED, List.of(), Checks.AGREEMENT, "learnerCountsVotesAcrossBallots");
    }

    @Test
    void nodeThatForgetsWhichDecisionsItLostVotesThereAgain() {
        caught(Flaw.IGNORE_LOST_DECISIONS, DAMAGE, List.of(), Checks.AGREEMENT, "nodeThatForgetsWhichDecisionsItLostVotesThereAgain");
    }

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void chosenStaysChosenCatchesEveryFlaw(Flaw flaw) {
        ChosenStaysChosen invariant = new ChosenStaysChosen(BasicPaxosConformanceTest.majority(3));
        caught(flaw, flaw == Flaw.IGNORE_LOST_DECISIONS ? DAMAGE : FaultProfile.MIXED, List.of(invariant), invariant.name(),
            "chosenStaysChosenCatchesEveryFlaw");
    }

    /**
     * Runs {@code flaw} for up to {@link #BUDGET} seeds (or the one {@code -Dsynod.seed} names)
     * and fails unless some seed fails by {@code check} and the real protocol passes that seed.
     */
    static Calibration.Catch caught(Flaw flaw, FaultProfile profile, List<Invariant> invariants, String check, String method) {
        return caught(flaw, profile, 4, invariants, check, method);
    }

    /** As above, with {@code clients} clients (more clients, more proposers racing for one slot). */
    static Calibration.Catch caught(Flaw flaw, FaultProfile profile, int clients, List<Invariant> invariants, String check,
                                    String method) {
        Calibration.Catch c = Calibration.caught(config(new BrokenBasicPaxos(BasicPaxos.defaults(), flaw), profile, clients, invariants),
            config(BasicPaxos.defaults(), profile, clients, invariants), BUDGET, check, null,
            Repro.of(BasicPaxosCalibrationTest.class, method));
        System.out.println("[calibration] " + flaw + " (3 replicas, " + profile + ", "
            + (invariants.isEmpty() ? "generic checks" : "with " + invariants.get(0).name()) + ") caught by " + c.check()
            + " at seed " + c.seed() + " after " + c.tried() + " seeds; the real protocol passes that seed\n  "
            + c.report().lines().filter(l -> l.startsWith("safety") || l.startsWith("linearizability") || l.startsWith("replay"))
                .reduce((a, b) -> a + "\n  " + b).orElse(""));
        return c;
    }

    private static SimulationConfig<KvOp, String> config(io.synod.api.Protocol protocol, FaultProfile profile, int clients,
                                                         List<Invariant> invariants) {
        // Every flaw here is a safety bug: only a safety or linearizability failure counts as catching it.
        return SimulationConfig.builder(protocol).replicas(3).faults(profile).clients(clients).invariants(invariants)
            .expectLiveness(false).build();
    }
}
