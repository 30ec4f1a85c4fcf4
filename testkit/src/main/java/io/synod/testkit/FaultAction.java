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

    /** Divides the cluster until the matching {@link Heal}. */
    record Partition(int tick, PartitionKind kind) implements FaultAction {
    }

    /** Heals every partition. */
    record Heal(int tick) implements FaultAction {
    }

    /** Crashes a node at a point of its next Ready; it restarts {@code downTicks} later. */
    record Crash(int tick, int node, CrashPoint point, int downTicks) implements FaultAction {
    }

    /** Clogs the link {@code from → to}: messages wait on it instead of arriving. */
    record Clog(int tick, int from, int to) implements FaultAction {
    }

    /** Unclogs the link {@code from → to}, releasing what waited. */
    record Unclog(int tick, int from, int to) implements FaultAction {
    }
}
