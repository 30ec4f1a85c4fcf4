package io.synod.testkit;

import io.synod.testkit.FaultAction.CrashPoint;
import io.synod.testkit.FaultAction.DiskDamage;

/**
 * The faults armed on a {@link SimNode} that have not struck yet: a crash at a point of its next
 * {@code Ready} (with how long the node then stays down and what it leaves damaged on disk), the
 * damage a crash left for the next restart to find, and a {@code sync} that will fail. The
 * {@link FaultInjector} arms them and the {@link Simulation} carries the damage from crash to
 * restart; the node only asks, at each step of a {@code Ready}, whether one strikes there. Kept
 * apart from the node so that what is pending against it reads in one place.
 */
final class ArmedFaults {

    private CrashPoint armed;
    private int armedDownTicks;
    private DiskDamage armedDamage = DiskDamage.NONE;
    private DiskDamage pendingDamage = DiskDamage.NONE;
    private boolean syncWillFail;

    void arm(CrashPoint point, int downTicks, DiskDamage damage) {
        armed = point;
        armedDownTicks = downTicks;
        armedDamage = damage;
    }

    boolean isArmed() {
        return armed != null;
    }

    void disarm() {
        armed = null;
    }

    /** Where in a {@code Ready} the armed crash strikes, or null if none is armed. */
    CrashPoint armedPoint() {
        return armed;
    }

    /** How long the node stays down after the armed crash. */
    int armedDownTicks() {
        return armedDownTicks;
    }

    /** What the armed crash will leave damaged on disk. */
    DiskDamage armedDamage() {
        return armedDamage;
    }

    /** The node crashed: the armed crash, if any, is spent (or lost with the node's memory). */
    void crashed() {
        armed = null;
        armedDamage = DiskDamage.NONE;
    }

    /**
     * Damage found at the next start: a record or snapshot that was durable (and seen so by the
     * checks) fails its checksum when read back.
     */
    void damageOnRestart(DiskDamage damage) {
        pendingDamage = damage;
    }

    /** The damage a crash left for this restart, now taken (NONE if there is none). */
    DiskDamage takeDamageOnRestart() {
        DiskDamage damage = pendingDamage;
        pendingDamage = DiskDamage.NONE;
        return damage;
    }

    /** The disk's next sync fails, in this incarnation or, if the node is down, the next. */
    void failNextSync() {
        syncWillFail = true;
    }

    boolean syncWillFail() {
        return syncWillFail;
    }
}
