package io.synod.storage;

import io.synod.spi.LogStore;

/** The memory log against the shared contract, whose tests and assertions it inherits. */
class MemoryLogStoreTest extends LogStoreContract {

    @Override
    protected LogStore create() {
        return new MemoryLogStore();
    }
}
