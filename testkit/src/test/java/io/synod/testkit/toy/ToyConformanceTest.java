package io.synod.testkit.toy;

import io.synod.api.Protocol;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReplicationConformanceSuite;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite run against the test-only primary-backup scheme: it proves the suite
 * and the simulator accept a correct (if unavailable-while-the-primary-is-down) protocol under
 * every fault profile.
 *
 * <p>The tests and their assertions are inherited from the suite: each one fails, naming the seed
 * and a command that replays it, as soon as one seed breaks a check.
 */
class ToyConformanceTest extends ReplicationConformanceSuite {

    @Override
    protected Protocol protocol(int replicas) {
        return ToyPrimaryBackup.correct();
    }

    /**
     * Disk faults are beyond this scheme: a primary whose sync fails stops for good and nobody
     * takes over, and a replica restarted from a damaged log rejoins as if nothing was lost.
     */
    @Override
    protected boolean supports(FaultProfile profile, int replicas) {
        return !profile.diskFaults();
    }

    /** The overlapping schedules without their disk faults: partitions, pauses and restarts that overlap. */
    @Test
    void overlappingWithoutDiskFaults3() {
        conform(FaultProfile.OVERLAPPING.toBuilder().name("overlapping-no-disk-faults").noDiskFaults().build(), 3,
            "overlappingWithoutDiskFaults3");
    }
}
