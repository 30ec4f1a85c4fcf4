package io.synod.paxos.multi;

import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.LogReader;
import io.synod.api.WallClock;
import io.synod.protocol.Ballot;
import io.synod.quorum.QuorumSystem;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What the parts of one Multi-Paxos replica share: who it is and who its peers are, the quorum
 * system, the configuration, the batch of effects, the log and the learner, the ballot it
 * promised and the leader it follows. Single-threaded, like the core that owns it.
 */
final class PaxosNode {

    /** The part this replica plays now. */
    enum Role {
        FOLLOWER, CANDIDATE, LEADER, OBSERVER;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final int self;
    final int[] members;
    final int[] peers;
    final boolean voter;
    final QuorumSystem quorum;
    final MultiPaxos config;
    final Effects effects;
    final PaxosLog log;
    /** The durable log, read-only: it still holds entries below the snapshot the driver retains. */
    final LogReader durable;
    final MultiLearner learner;
    final Election election;
    final Rejoin rejoin;
    /** Read only to stamp a batch with the leader's time; nothing is decided by it. */
    final WallClock wallClock;

    private Ballot promised;
    private boolean promiseDirty;
    int leader = CoreStatus.NO_LEADER;
    Role role;

    PaxosNode(int self, int[] members, int[] observers, QuorumSystem quorum, MultiPaxos config, Effects effects,
              PaxosLog log, LogReader durable, Election election, Ballot promised, Rejoin rejoin, WallClock wallClock) {
        this.self = self;
        this.members = members.clone();
        this.peers = IntStream.concat(Arrays.stream(members), Arrays.stream(observers)).filter(n -> n != self).distinct().toArray();
        this.voter = Arrays.stream(members).anyMatch(m -> m == self);
        this.quorum = quorum;
        this.config = config;
        this.effects = effects;
        this.log = log;
        this.durable = durable;
        this.learner = new MultiLearner(log, effects);
        this.election = election;
        this.rejoin = rejoin;
        this.wallClock = wallClock;
        this.promised = promised;
        this.role = voter ? Role.FOLLOWER : Role.OBSERVER;
    }

    /** True when this replica's promises and acceptances count: a member that is not re-learning a damaged log. */
    boolean votes() {
        return voter && rejoin.voting();
    }

    Ballot promised() {
        return promised;
    }

    /** Raises the promise to {@code ballot} (stored with this batch); false if it was not higher. */
    boolean promise(Ballot ballot) {
        if (!ballot.isAbove(promised)) {
            return false;
        }
        promised = ballot;
        promiseDirty = true;
        return true;
    }

    /** True once since the promise last changed. */
    boolean takePromiseDirty() {
        boolean dirty = promiseDirty;
        promiseDirty = false;
        return dirty;
    }

    boolean promiseDirty() {
        return promiseDirty;
    }
}
