package io.synod.testkit;

/**
 * One planned fault of a {@link FaultSchedule}, at a tick of the chaotic part of a run.
 * Nodes are numbered from 1; {@link #LEADER} stands for whichever node leads when the fault fires.
 */
public sealed interface FaultAction {

    /** Stands for the node that leads (highest term) when the action fires, or a random node. */
    int LEADER = 0;

    /** The tick at which the action fires. */
    int tick();

    /** How a partition divides the nodes. */
    enum PartitionKind {
        /** Two random groups that cannot reach each other. */
        SYMMETRIC,
        /** One random group's messages to the rest are lost; the other way works. */
        ASYMMETRIC,
        /** The leader cannot reach anyone and no one can reach it. */
        ISOLATE_LEADER,
        /** Two halves as equal as the cluster size allows. */
        SPLIT_BRAIN,
        /** Two groups that cannot reach each other, both reaching one bridge node (non-transitive). */
        BRIDGE
    }

    /** Where in the handling of a Ready a crash strikes. */
    enum CrashPoint {
        /** Between two events, with nothing half done. */
        BETWEEN_EVENTS,
        /** After the next Ready's early messages left (if it has any), before anything of it is persisted. */
        BEFORE_PERSIST,
        /**
         * Part way through persisting, the early messages already sent: a prefix of the log writes
         * survives, hard state all or nothing.
         */
        MID_PERSIST,
        /** After the Ready is durable, before any of its messages leaves. */
        AFTER_PERSIST,
        /** After its messages left, before its committed entries are applied. */
        AFTER_SEND
    }

    /** What a crash leaves wrong on the node's disk, beyond the writes it had not synced. */
    enum DiskDamage {
        /** Nothing: the disk holds what was synced. */
        NONE,
        /**
         * The last durable log record fails its checksum: recovery drops it and reports it as
         * suspect ({@code Recovered.suspectFrom}), since it may have been acknowledged.
         */
        TAIL_RECORD,
        /**
         * The snapshot fails its checksum: the node starts from its hard state alone, the log
         * after the snapshot useless, every index suspect ({@code suspectFrom} 1).
         */
        SNAPSHOT
    }

    /**
     * Divides the cluster until the {@link Heal} of the same {@code episode}; partitions of
     * different episodes may hold at once, and a link stays cut while any of them cuts it.
     */
    record Partition(int tick, PartitionKind kind, int episode) implements FaultAction {
    }

    /** Heals the partition of {@code episode}. */
    record Heal(int tick, int episode) implements FaultAction {
    }

    /**
     * Crashes a node at a point of its next Ready; it restarts {@code downTicks} later, from a disk
     * that {@code damage} may have hurt.
     */
    record Crash(int tick, int node, CrashPoint point, int downTicks, DiskDamage damage) implements FaultAction {

        /** A crash that leaves the synced data intact. */
        public Crash(int tick, int node, CrashPoint point, int downTicks) {
            this(tick, node, point, downTicks, DiskDamage.NONE);
        }
    }

    /**
     * Pauses a node for {@code ticks} (a long garbage collection, a stopped VM): it keeps its
     * memory, its clock stands still and whatever arrives waits. When it resumes it first sees
     * every tick it missed, then what waited, in arrival order.
     */
    record Pause(int tick, int node, int ticks) implements FaultAction {
    }

    /**
     * The node's next {@code sync} fails: part of that batch may be on disk, part not, and the
     * node must stop for good (fail-stop) — it sends nothing more and is never restarted in this run.
     */
    record SyncFailure(int tick, int node) implements FaultAction {
    }

    /** Clogs the link {@code from → to}: messages wait on it instead of arriving. */
    record Clog(int tick, int from, int to) implements FaultAction {
    }

    /** Unclogs the link {@code from → to}, releasing what waited. */
    record Unclog(int tick, int from, int to) implements FaultAction {
    }
}
