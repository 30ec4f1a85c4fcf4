package io.synod.paxos.multi;

import io.synod.protocol.Periodic;
import io.synod.protocol.RandomizedTimeout;

import java.util.random.RandomGenerator;

/**
 * Time as Multi-Paxos counts it: the randomised election timeout of a follower (base ticks plus
 * a random 0 to base more, so that candidates rarely collide), the leader's heartbeat interval,
 * and how long ago this node last heard from a leader (which leader leases rely on).
 */
final class Election {

    private final int baseTicks;
    private final RandomizedTimeout timeout;
    private final Periodic heartbeat;
    /**
     * Ticks since this node last heard from a leader. It starts at 0, as if a leader had just
     * spoken: a node that (re)starts may have acknowledged a lease round just before it went down,
     * and nothing on its disk says when. Counting its start as that moment keeps it from promising
     * anyone for a full election timeout — longer than any lease — so the lease of a leader it
     * backed runs out before it helps elect another. (Storing the time would not do: the node
     * cannot know how long it was down.) With leases off nothing reads this.
     */
    private long sinceLeader;

    Election(int baseTicks, int heartbeatTicks, RandomGenerator random) {
        this.baseTicks = baseTicks;
        this.timeout = new RandomizedTimeout(baseTicks, random);
        this.heartbeat = new Periodic(heartbeatTicks);
    }

    /** Forgets that a leader may have spoken just before this node started ({@link Flaw#LEASE_FORGOTTEN_ON_RESTART}). */
    void forgetStart() {
        sinceLeader = Long.MAX_VALUE / 2;
    }

    /** Starts a new, freshly randomised election timeout. */
    void restart() {
        timeout.restart();
    }

    /** A leader spoke to us: it is alive, so no election for a while. */
    void heardFromLeader() {
        restart();
        sinceLeader = 0;
    }

    /** Counts a tick; true when the election timeout has run out. */
    boolean electionDue() {
        sinceLeader++;
        return timeout.tick();
    }

    /** Counts a leader's tick; true every {@code heartbeatTicks}. */
    boolean heartbeatDue() {
        return heartbeat.tick();
    }

    /** True while a leader was heard (or this node started) within the minimum election timeout. */
    boolean leaderRecentlyHeard() {
        return sinceLeader < baseTicks;
    }
}
