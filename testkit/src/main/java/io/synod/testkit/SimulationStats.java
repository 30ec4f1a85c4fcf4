package io.synod.testkit;

/** Counts of what happened in one simulated run. */
public final class SimulationStats {

    long events;
    long sent;
    long delivered;
    long dropped;
    long partitioned;
    long pauses;
    long syncFailures;
    long damagedDisks;
    long duplicated;
    long ticks;
    long crashes;
    long suspicions;
    long restarts;
    long commits;
    long localReads;
    long observerReads;
    long laggingReads;
    long snapshots;
    long sessionsOpened;
    long sessionsAbandoned;
    long sessionsExpired;
    long snapshotsInstalled;
    long virtualMicros;

    /** Every action the simulator carried out (deliveries, ticks, client steps, faults). */
    public long events() {
        return events;
    }

    /** Messages nodes sent, self-addressed ones included. */
    public long sent() {
        return sent;
    }

    /** Messages handed to a core's {@code step}. */
    public long delivered() {
        return delivered;
    }

    /** Messages lost to drops, partitions or a crashed receiver. */
    public long dropped() {
        return dropped;
    }

    /** Messages lost because a partition cut their link (counted in {@link #dropped()} too). */
    public long partitioned() {
        return partitioned;
    }

    /** Pauses that struck a running node. */
    public long pauses() {
        return pauses;
    }

    /** Nodes stopped for good by a failed sync. */
    public long syncFailures() {
        return syncFailures;
    }

    /** Restarts from a damaged disk (a tail record or a snapshot that failed its checksum). */
    public long damagedDisks() {
        return damagedDisks;
    }

    public long duplicated() {
        return duplicated;
    }

    public long ticks() {
        return ticks;
    }

    public long crashes() {
        return crashes;
    }

    public long restarts() {
        return restarts;
    }

    /** Local reads answered (read mode {@code LOCAL}). */
    public long localReads() {
        return localReads;
    }

    /** Local reads answered by an observer. */
    public long observerReads() {
        return observerReads;
    }

    /** Local reads answered by a node that had not yet applied everything chosen: stale, yet allowed. */
    public long laggingReads() {
        return laggingReads;
    }

    /** Committed entries handed to nodes' state machines (each node counted). */
    public long commits() {
        return commits;
    }

    public long snapshots() {
        return snapshots;
    }

    /** Sessions clients opened (each counted once, on its first answer). */
    public long sessionsOpened() {
        return sessionsOpened;
    }

    /** Sessions clients stopped pinging on purpose. */
    public long sessionsAbandoned() {
        return sessionsAbandoned;
    }

    /** Distinct sessions that expired (on any node, counted once). */
    public long sessionsExpired() {
        return sessionsExpired;
    }

    /** Snapshots received from a peer (streamed in chunks over the simulated network) and installed. */
    public long snapshotsInstalled() {
        return snapshotsInstalled;
    }

    /** Suspicions handed to cores: a crashed or stopped peer's connection seen closing, or a link given up on. */
    public long suspicions() {
        return suspicions;
    }

    /** How far virtual time advanced. */
    public long virtualMicros() {
        return virtualMicros;
    }

    @Override
    public String toString() {
        return "events=" + events + " sent=" + sent + " delivered=" + delivered + " dropped=" + dropped
            + " partitioned=" + partitioned + " duplicated=" + duplicated + " ticks=" + ticks + " crashes=" + crashes + " suspicions=" + suspicions
            + " restarts=" + restarts + " pauses=" + pauses + " syncFailures=" + syncFailures + " damagedDisks=" + damagedDisks
            + " commits=" + commits + (localReads > 0 ? " localReads=" + localReads + " (observers " + observerReads + ", lagging " + laggingReads + ")" : "")
            + " snapshots=" + snapshots + " installed=" + snapshotsInstalled + " sessionsOpened=" + sessionsOpened
            + " sessionsAbandoned=" + sessionsAbandoned + " sessionsExpired=" + sessionsExpired + " virtualMs=" + virtualMicros / 1000;
    }
}
