package io.synod.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.CoreStatus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The user's listeners on one replica and what they hear: applied commands, leadership changes,
 * leader ticks. Registered from any thread; called on the replica thread only, in registration
 * order. An exception from a listener escapes to the duty cycle and stops the replica, like one
 * from the state machine: a listener that keeps state beside the replicated one (watches) cannot
 * be trusted after it failed half-way.
 */
final class Listeners {

    private final List<AppliedListener> applied = new CopyOnWriteArrayList<>();
    private final List<LeadershipListener> leadership = new CopyOnWriteArrayList<>();
    private final List<LeaderTick> ticks = new CopyOnWriteArrayList<>();
    private boolean leading;
    private long leadingTerm;

    Registration add(AppliedListener listener) {
        return register(applied, listener);
    }

    Registration add(LeadershipListener listener) {
        return register(leadership, listener);
    }

    Registration add(LeaderTick listener) {
        return register(ticks, listener);
    }

    private static <T> Registration register(List<T> list, T listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        list.add(listener);
        return () -> list.remove(listener);
    }

    boolean hearApplied() {
        return !applied.isEmpty();
    }

    void applied(ApplyContext ctx, byte[] command, byte[] result) {
        for (AppliedListener l : applied) {
            l.onApplied(ctx, command, result);
        }
    }

    void rejected(ApplyContext ctx, byte[] command, String reason) {
        for (AppliedListener l : applied) {
            l.onRejected(ctx, command, reason);
        }
    }

    void sessionEnded(ApplyContext ctx, long sessionId, boolean expired) {
        for (AppliedListener l : applied) {
            l.onSessionEnded(ctx, sessionId, expired);
        }
    }

    /** The core's status after a duty cycle: tells the leadership listeners if leading began or ended. */
    void status(CoreStatus status) {
        boolean now = status.isLeader();
        if (now == leading && (!now || status.term() == leadingTerm)) {
            return;
        }
        if (leading) {
            leading = false;
            for (LeadershipListener l : leadership) {
                l.onLeadership(false, leadingTerm);
            }
        }
        if (now) {
            leading = true;
            leadingTerm = status.term();
            for (LeadershipListener l : leadership) {
                l.onLeadership(true, leadingTerm);
            }
        }
    }

    /** True while this replica leads, as of the last status. */
    boolean leading() {
        return leading;
    }

    /** One tick while leading. */
    void tick(LeaderTick.Proposer proposer) {
        for (LeaderTick l : ticks) {
            l.onTick(proposer);
        }
    }

    /** The owner stops: a leader that closes or stops tells its listeners it no longer leads. */
    void stopped() {
        if (leading) {
            leading = false;
            for (LeadershipListener l : leadership) {
                l.onLeadership(false, leadingTerm);
            }
        }
    }
}
