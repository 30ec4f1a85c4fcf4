package io.synod.storage;

import io.synod.spi.LogStore;

/** The memory log against the shared contract. */
class MemoryLogStoreTest extends LogStoreContract {

    @Override
    protected LogStore create() {
        return new MemoryLogStore();
    }
}
