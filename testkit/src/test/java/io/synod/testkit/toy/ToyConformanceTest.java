package io.synod.testkit.toy;

import io.synod.api.Protocol;
import io.synod.testkit.ReplicationConformanceSuite;

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
}
