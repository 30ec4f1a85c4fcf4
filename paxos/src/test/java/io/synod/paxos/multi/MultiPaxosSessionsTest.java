package io.synod.paxos.multi;

import io.synod.testkit.Checks;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.Simulation;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replicated sessions under the simulator: clients open sessions through the log, ping them, and
 * now and then abandon one, which must then expire — at the same log index on every replica (the
 * simulator's {@link Checks#SESSIONS} check runs after every applied entry of every run). These
 * runs make sure the check has something to check: sessions are abandoned and do expire, with and
 * without faults.
 */
class MultiPaxosSessionsTest {

    private static final int SEEDS = 200;

    private static long[] totals(SimulationConfig<KvOp, String> config, String method) {
        long[] opened = new long[3];
        for (long seed : SeedRunner.seeds(SEEDS, Repro.of(MultiPaxosSessionsTest.class, method))) {
            SimulationResult<KvOp, String> r = Simulation.run(config.withSeed(seed));
            assertTrue(r.failure().isEmpty(), () -> "seed " + seed + ": " + r.failure().get());
            opened[0] += r.stats().sessionsOpened();
            opened[1] += r.stats().sessionsAbandoned();
            opened[2] += r.stats().sessionsExpired();
        }
        System.out.println("[sessions] " + method + ": " + opened[0] + " opened, " + opened[1] + " abandoned, " + opened[2]
            + " expired over " + SEEDS + " seeds");
        return opened;
    }

    @Test
    void abandonedSessionsExpireAtTheSameIndexEverywhereWithoutFaults() {
        long[] t = totals(MultiPaxosMixedFaultsTest.config(MultiPaxos.builder().build(), FaultProfile.NONE, 3).toBuilder()
            .abandonPercent(10).build(), "abandonedSessionsExpireAtTheSameIndexEverywhereWithoutFaults");
        assertTrue(t[1] > 0 && t[2] > 0, "sessions were abandoned and expired");
        assertTrue(t[2] <= t[1], "without faults, only abandoned sessions expire: " + t[2] + " of " + t[1]);
    }

    @Test
    void sessionsExpireAtTheSameIndexEverywhereUnderMixedFaults() {
        long[] t = totals(MultiPaxosMixedFaultsTest.mixed(5), "sessionsExpireAtTheSameIndexEverywhereUnderMixedFaults");
        assertTrue(t[2] > 0, "sessions expired");
    }
}
