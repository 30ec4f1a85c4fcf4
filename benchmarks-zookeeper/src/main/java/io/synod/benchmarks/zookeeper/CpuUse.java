package io.synod.benchmarks.zookeeper;

import java.time.Duration;
import java.util.Collection;

/**
 * Processor time the servers and the load driver spent on the operations of measured iterations. On a machine
 * whose cores the driver shares with the servers, throughput is bounded by all three together: the driver's
 * share caps any ratio of throughputs, while the servers' time per operation is what would set throughput on
 * servers of their own.
 *
 * @param serverNanos processor time of every server of the ensemble, user and system, summed
 * @param driverNanos processor time of this process (the clients and their callbacks)
 * @param operations  operations completed in that time
 */
public record CpuUse(long serverNanos, long driverNanos, long operations) {

    public static final CpuUse NONE = new CpuUse(0, 0, 0);

    public CpuUse plus(CpuUse o) {
        return new CpuUse(serverNanos + o.serverNanos, driverNanos + o.driverNanos, operations + o.operations);
    }

    /** Server processor time per operation in microseconds; NaN when nothing was measured. */
    public double serverMicrosPerOp() {
        return operations == 0 ? Double.NaN : serverNanos / 1e3 / operations;
    }

    /** Driver processor time per operation in microseconds; NaN when nothing was measured. */
    public double driverMicrosPerOp() {
        return operations == 0 ? Double.NaN : driverNanos / 1e3 / operations;
    }

    /** Processor time of the live processes {@code pids} so far, summed (the kernel counts in 10 ms ticks). */
    static long nanosOf(Collection<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        }
        return sum;
    }

    /** Processor time of this process so far. */
    static long ownNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
