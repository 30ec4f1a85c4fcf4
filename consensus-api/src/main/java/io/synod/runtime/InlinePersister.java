package io.synod.runtime;

import io.synod.api.Ready;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;

import java.util.List;

/**
 * Persists on the caller's thread: {@link #submit} returns once the group is durable, and a
 * failure is thrown from it. The replica thread then waits out every fsync, as a driver that
 * follows the Ready contract to the letter does.
 */
final class InlinePersister implements Persister {

    private final LogStore log;
    private final HardStateStore hardState;
    private long tickets;

    InlinePersister(LogStore log, HardStateStore hardState) {
        this.log = log;
        this.hardState = hardState;
    }

    @Override
    public long submit(List<Ready> group) {
        Persister.persist(group, log, hardState);
        return ++tickets;
    }

    @Override
    public boolean done(long ticket) {
        return true;
    }

    @Override
    public void await(long ticket) {
    }

    @Override
    public void close() {
    }
}
