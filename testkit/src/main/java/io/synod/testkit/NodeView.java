package io.synod.testkit;

import io.synod.api.CoreStatus;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolCore;
import io.synod.api.SnapshotMeta;

import java.util.List;

/** A read-only view of one simulated node: its core, its disk and what it committed. */
public interface NodeView {

    int id();

    /** False while the node is crashed. */
    boolean isUp();

    /**
     * True while the node is paused: its memory is intact but its clock stands still and its
     * inputs wait; on resuming it takes every missed tick before anything else.
     */
    boolean isPaused();

    /** The core's own status, or {@code null} while the node is down. */
    CoreStatus status();

    /**
     * The protocol core itself, or {@code null} while down, so that a protocol's invariant can
     * read protocol-specific state; an invariant must not call its input methods.
     */
    ProtocolCore core();

    /** The hard state on disk (empty if never written). */
    byte[] durableHardState();

    /** The log on disk, after the durable snapshot. */
    List<LogEntry> durableLog();

    /** Where the snapshot on disk ends, or {@code null}. */
    SnapshotMeta durableSnapshot();

    /** The highest index this incarnation committed (restarts from the snapshot's index). */
    long committedIndex();

    /** The highest index applied to this node's state machine. */
    long appliedIndex();

    /** Log time as of the last entry applied here (0 while down or before any stamped entry). */
    long logTime();

    /**
     * The state machine this incarnation applies to, or {@code null} while down, so that an
     * invariant can compare replicas' states (at equal {@link #appliedIndex()}); an invariant must
     * only read it.
     */
    io.synod.api.StateMachine stateMachine();

    /** The sessions open in this node's replicated session table (0 while down). */
    int openSessions();
}
