package io.synod.testkit;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.testkit.lin.Model;
import io.synod.testkit.toy.ToyPrimaryBackup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own state machine tested under faults, as the README shows it. */
class SimulatedClusterTest {

    /** A counter: each command adds its argument and answers the new total. */
    static class Counter implements StateMachine {
        long total;

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            total += ByteBuffer.wrap(command).getLong();
            return ByteBuffer.allocate(8).putLong(total).array();
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(ByteBuffer.allocate(8).putLong(total).array());
        }

        @Override
        public void restore(InputStream in) throws IOException {
            total = ByteBuffer.wrap(in.readAllBytes()).getLong();
        }
    }

    /** A counter that forgets its snapshot on restore: the kind of bug only crashes reveal. */
    static final class ForgetfulCounter extends Counter {
        @Override
        public void restore(InputStream in) {
            total = 0;
        }
    }

    static final class Adds implements Workload<Long, Long> {
        @Override
        public Long next(RandomGenerator random, int client, long operation) {
            return 1 + random.nextLong(9);
        }

        @Override
        public byte[] encode(Long input) {
            return ByteBuffer.allocate(8).putLong(input).array();
        }

        @Override
        public boolean isRead(Long input) {
            return false;
        }

        @Override
        public Long decode(Long input, byte[] result) {
            return ByteBuffer.wrap(result).getLong();
        }
    }

    static final class CounterModel implements Model<Long, Long, Long> {
        @Override
        public Long init() {
            return 0L;
        }

        @Override
        public Optional<Long> step(Long total, Long add, Long answer) {
            long next = total + add;
            return answer == null || answer == next ? Optional.of(next) : Optional.empty();
        }
    }

    private static SimulatedCluster<Long, Long> cluster(java.util.function.Supplier<StateMachine> machine) {
        return SimulatedCluster.of(ToyPrimaryBackup.correct(), 3)
            .stateMachine(machine, new Adds(), new CounterModel())
            .faults(FaultProfile.CRASHES)
            .build();
    }

    @Test
    void aCorrectStateMachineSurvivesCrashes() {
        cluster(Counter::new).check(30, Repro.of(SimulatedClusterTest.class, "aCorrectStateMachineSurvivesCrashes"));
    }

    @Test
    void aStateMachineThatLosesItsSnapshotIsCaught() {
        // The forgetful counter runs on the correct toy protocol: the same seed with the correct
        // counter is the control, so the catch is the state machine's doing.
        Calibration.Catch c = Calibration.caught(cluster(ForgetfulCounter::new).config(), cluster(Counter::new).config(), 30,
            Checks.LINEARIZABILITY, null, Repro.of(SimulatedClusterTest.class, "aStateMachineThatLosesItsSnapshotIsCaught"));
        assertTrue(c.report().contains("NOT linearizable"), c.report());
        assertTrue(c.report().contains("-Dsynod.seed=" + c.seed()), c.report());
    }
}
