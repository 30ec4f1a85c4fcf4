package io.synod.storage;

/** When the write-ahead log forces its writes to the disk. */
public enum SyncPolicy {

    /**
     * One fsync per batch: {@code sync()} and every group-commit batch end with a
     * {@code FileChannel.force}. Nothing acknowledged is lost in a crash or a power cut.
     */
    ALWAYS,

    /**
     * Never fsync: writes stay in the page cache until the kernel writes them back. Survives a
     * process crash, not a power cut or a kernel panic. <b>Unsafe for a real replica</b>: a node
     * would acknowledge promises and votes it may forget. For benchmarks that isolate other costs.
     */
    NONE
}
