package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.KeeperException;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * The load driver: runs one {@link Workload} at one {@link LoadSpec} against a ZooKeeper connect string
 * (any server speaking ZooKeeper's client protocol) and returns ops/s per iteration and latency percentiles.
 */
public final class LoadDriver {

    private LoadDriver() {
    }

    public static LoadResult run(SystemKind system, String connect, Workload workload, LoadSpec spec, LongSupplier serverCpuNanos) {
        LoadSpec s = workload == Workload.SET_DATA_SINGLE ? spec.single() : spec;
        try (RunningLoad load = workload == Workload.LOCK ? new LockLoad(connect, s) : new AsyncLoad(connect, workload, s)) {
            return load.measure(system, workload, s, serverCpuNanos);
        } catch (IOException | KeeperException e) {
            throw new IllegalStateException(workload.label() + " against " + system.label() + " (" + connect + ") failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
