package io.synod.zab;

import io.synod.api.CoreStatus;
import io.synod.api.Protocol;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ForwardingCore;
import io.synod.testkit.Repro;
import io.synod.testkit.RunFigures;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrong suspicions ({@code ProtocolCore.suspect} of peers that live on, as when a connection drops
 * and is made again) on top of the mixed faults: every node, on about one tick in
 * {@value #PERIOD}, suspects its leader (or, with none, any peer). The runs keep every check of
 * {@link ZabMixedFaultsTest} — the generic commit checks, {@link ZabInvariants}, linearizability —
 * and must complete a write invoked after the heal within its liveness bound while the wrong
 * suspicions go on.
 *
 * <p>The rate is far above a real network's (a connection that drops between live peers is rare)
 * and still not free: at one tick in 20, an overlapping-faults run whose third voter was
 * re-learning a damaged log, so that two voters carried every quorum, missed the liveness bound
 * ({@code overlappingFaults3} seed 188: a read took 111 ticks). There a learner that left a live
 * leader cannot rejoin it from the leader's answer alone (a late peer needs a quorum of other
 * peers' answers), so each wrong suspicion costs the leader's syncLimit and a new epoch.
 *
 * <p>Seeds: {@code synod.seeds} (default {@value #SEEDS}); replay one with {@code -Dsynod.seed=N}.
 */
class SpuriousSuspicionTest {

    static final int SEEDS = 200;
    static final int PERIOD = 50;

    /** ZAB whose every core is handed wrong suspicions, drawn from the run's seed; counts those of a learner's leader. */
    static Protocol wrongSuspicions(AtomicLong ofItsLeader) {
        return ForwardingCore.protocol(Zab.builder().build(), "wrong suspicions", (context, real) -> {
            SplittableRandom random = new SplittableRandom(context.random().nextLong());
            int[] members = context.members();
            return new ForwardingCore<>(real) {
                @Override
                public void tick() {
                    core.tick();
                    if (random.nextInt(PERIOD) != 0) {
                        return;
                    }
                    CoreStatus s = core.status();
                    boolean follows = s.leader() != CoreStatus.NO_LEADER && s.leader() != s.self();
                    if (follows) {
                        ofItsLeader.incrementAndGet();
                    }
                    core.suspect(follows ? s.leader() : members[random.nextInt(members.length)]);
                }
            };
        });
    }

    @Test
    void mixedFaults3(TestInfo info) {
        run(FaultProfile.MIXED, 3, info);
    }

    @Test
    void mixedFaults5(TestInfo info) {
        run(FaultProfile.MIXED, 5, info);
    }

    @Test
    void overlappingFaults3(TestInfo info) {
        run(FaultProfile.OVERLAPPING, 3, info);
    }

    private void run(FaultProfile faults, int voters, TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName();
        Repro repro = Repro.of(getClass(), method);
        AtomicLong ofItsLeader = new AtomicLong();
        SimulationConfig<KvOp, String> config = ZabMixedFaultsTest.config(wrongSuspicions(ofItsLeader), faults, voters, voters);
        RunFigures figures = new RunFigures("zab with wrong suspicions " + method + " (" + faults + ", " + voters + " nodes)");
        for (long seed : SeedRunner.seeds(SeedRunner.seedCount(SEEDS), repro)) {
            SimulationResult<KvOp, String> result = SeedRunner.check(config.withSeed(seed), repro);
            assertTrue(ZabMixedFaultsTest.committedAfterHeal(result), () -> SeedRunner.report(result,
                "liveness: no write invoked after the faults healed completed within " + ZabMixedFaultsTest.LIVENESS_TICKS
                    + " ticks of the heal", repro, null));
            figures.add(result);
        }
        System.out.println(figures + "\n[suspect] " + method + ": " + ofItsLeader + " wrong suspicions of a learner's leader");
        assertTrue(ofItsLeader.get() > 0, "the runs suspected some learner's leader");
    }
}
