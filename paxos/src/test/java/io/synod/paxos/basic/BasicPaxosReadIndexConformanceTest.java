package io.synod.paxos.basic;

import io.synod.testkit.ReadMode;

/**
 * The conformance suite again, with linearizable reads served by {@code read(readId)}: a read
 * rides on the proposer's next attempt (a no-op if it has no commands) and is answered with
 * {@code ReadReady} once that attempt's own value is chosen; half of the reads go to a random node.
 *
 * <p>The tests and their assertions are inherited from the suite: each one fails, naming the seed
 * and a command that replays it, as soon as one seed breaks a check.
 */
class BasicPaxosReadIndexConformanceTest extends BasicPaxosConformanceTest {

    @Override
    protected ReadMode readMode() {
        return ReadMode.READ_INDEX;
    }
}
