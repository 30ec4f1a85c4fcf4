package io.synod.storage;

import io.synod.spi.HardStateStore;

/** Hard state held in memory, for tests and benchmarks. */
public final class MemoryHardStateStore implements HardStateStore {

    private volatile byte[] state = new byte[0];

    @Override
    public byte[] load() {
        return state.clone();
    }

    @Override
    public void save(byte[] newState) {
        state = newState.clone();
    }

    @Override
    public void close() {
    }
}
