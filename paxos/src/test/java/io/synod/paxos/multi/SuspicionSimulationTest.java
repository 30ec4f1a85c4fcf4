package io.synod.paxos.multi;

import io.synod.api.ProtocolCore;
import io.synod.api.Protocol;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ForwardingCore;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.lin.Operation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What suspicions buy, in simulated time: under {@link FaultProfile#CRASHES} (a node crashes every
 * 35 ticks or so, often the leader) the same seeds run twice, once with the real core and once
 * with a core that ignores every suspicion (the control, which must wait out its leader's
 * silence). With suspicions the cluster is without a leader for less of the run, so clients wait
 * less for their writes. Both runs must pass every safety and liveness check.
 */
class SuspicionSimulationTest {

    private static final int SEEDS = 40;

    /** The real core with {@code suspect} turned into nothing. */
    private static final class Unsuspecting extends ForwardingCore<ProtocolCore> {
        Unsuspecting(ProtocolCore core) {
            super(core);
        }

        @Override
        public void suspect(int peer) {
        }
    }

    private static SimulationConfig<KvOp, String> config(Protocol protocol) {
        return SimulationConfig.builder(protocol)
            .replicas(3)
            .faults(FaultProfile.CRASHES)
            .readMode(ReadMode.READ_INDEX)
            .invariants(PaxosInvariants.all(3))
            .chaosTicks(MultiPaxosMixedFaultsTest.CHAOS_TICKS)
            .quietTicks(MultiPaxosMixedFaultsTest.QUIET_TICKS)
            .livenessTicks(MultiPaxosMixedFaultsTest.LIVENESS_TICKS)
            .expectLiveness(true)
            .build();
    }

    /** Ticks completed writes invoked in the chaotic part waited, and how many there were. */
    private static long[] chaosWriteWaits(SimulationConfig<KvOp, String> config, Repro repro) {
        long ticks = 0;
        long writes = 0;
        long suspicions = 0;
        long quietAt = config.chaosTicks() * config.tickMicros();
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult<KvOp, String> r = SeedRunner.check(config.withSeed(seed), repro);
            suspicions += r.stats().suspicions();
            for (Operation<KvOp, String> op : r.history()) {
                if (op.invokeTime() < quietAt && !op.isIndeterminate() && !op.input().isRead()) {
                    ticks += (op.responseTime() - op.invokeTime()) / config.tickMicros();
                    writes++;
                }
            }
        }
        return new long[] {ticks, writes, suspicions};
    }

    @Test
    void aSuspectedLeaderIsReplacedSoonerThanSilenceAlonePermits() {
        MultiPaxos real = MultiPaxos.builder().build();
        Repro repro = Repro.of(getClass(), "aSuspectedLeaderIsReplacedSoonerThanSilenceAlonePermits");
        long[] with = chaosWriteWaits(config(real), repro);
        long[] without = chaosWriteWaits(config(ForwardingCore.protocol(real, "multi-paxos ignoring suspicions", Unsuspecting::new)), repro);
        double meanWith = (double) with[0] / with[1];
        double meanWithout = (double) without[0] / without[1];
        System.out.printf("[figures] multi-paxos, crashes, 3 replicas, seeds 1-%d: writes of the chaotic part waited %.2f ticks on average"
            + " (%d writes, %d suspicions) with suspicions, %.2f (%d writes) ignoring them%n",
            SEEDS, meanWith, with[1], with[2], meanWithout, without[1]);
        assertTrue(with[2] > 0, "the simulator handed out no suspicion");
        assertTrue(meanWith < meanWithout, "writes waited " + meanWith + " ticks with suspicions, " + meanWithout + " without");
    }
}
