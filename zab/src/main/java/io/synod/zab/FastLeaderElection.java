package io.synod.zab;

import io.synod.quorum.QuorumSystem;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage.Notification;

import java.util.HashMap;
import java.util.Map;

/**
 * ZooKeeper's fast leader election (FLE) for one peer, without threads or sockets: notifications
 * in, the vote to broadcast out, and a decision once a quorum backs one vote.
 *
 * <ul>
 *   <li>A peer starts a round backing itself and broadcasts its vote. A notification of a later
 *       round moves it to that round; within a round it adopts any vote that ranks above its own
 *       ({@link Vote#beats}) and broadcasts again.</li>
 *   <li>When the votes it received in its round for its own vote form a quorum, it waits
 *       {@code finalizeTicks} more (ZooKeeper's finalizeWait) for a better vote; if none comes,
 *       it decides.</li>
 *   <li>Peers that already follow or lead answer with their state and the epoch they are in; when a
 *       quorum of them names the same leader in the same epoch and that leader itself says it leads
 *       it, a late or restarted peer joins it without a new election (ZooKeeper's out-of-election
 *       votes and {@code checkLeader}).</li>
 * </ul>
 * A decision may still be wrong (the chosen leader may have decided otherwise, or lost its
 * quorum): discovery then times out and the peer looks again, in a new round.
 */
final class FastLeaderElection {

    /** No decision yet. */
    static final int UNDECIDED = -1;

    private final int self;
    private final QuorumSystem quorum;
    private final int finalizeTicks;
    private final Flaw flaw;
    private long round;
    private Vote vote;
    private final Map<Integer, Vote> received = new HashMap<>();
    private final Map<Integer, Notification> settled = new HashMap<>();
    private int finalizeLeft = -1;
    private int decided = UNDECIDED;

    FastLeaderElection(int self, QuorumSystem quorum, int finalizeTicks, Flaw flaw) {
        this.self = self;
        this.quorum = quorum;
        this.finalizeTicks = finalizeTicks;
        this.flaw = flaw;
    }

    /** Starts a new round backing {@code own} (a voter), or starts looking for an established leader (a learner). */
    void start(Vote own) {
        round++;
        vote = own;
        received.clear();
        settled.clear();
        finalizeLeft = -1;
        decided = UNDECIDED;
        if (quorum.isMember(self)) {
            received.put(self, own);
            finalizeIfBacked(); // a lone voter is its own quorum: nobody else will ever answer
        }
    }

    long round() {
        return round;
    }

    Vote vote() {
        return vote;
    }

    /** This peer's vote as a notification, sent while it is in {@code state}. */
    Notification notification(PeerState state) {
        return new Notification(vote.leader(), vote.zxid(), vote.peerEpoch(), round, state);
    }

    /**
     * This peer's answer while it leads or follows in {@code epoch} (0 while that epoch is not
     * known yet: the vote as decided). Once known, the epoch of the leadership stands in the vote's
     * peer epoch: the vote a peer decided on carries the leader's epoch at that election, and peers
     * of one leadership may have decided on different votes (one that joined the leader's previous
     * epoch from out-of-election answers, then followed it into the next, keeps the older vote),
     * so a late peer would never see a quorum agree with the leader ({@link #onSettled}) and would
     * look for ever. The epoch a leadership runs in is the same at every one of its peers.
     */
    Notification notification(PeerState state, long epoch) {
        return epoch > 0 ? new Notification(vote.leader(), vote.zxid(), epoch, round, state) : notification(state);
    }

    /**
     * A notification from a peer that is LOOKING too, taken by a voter that is LOOKING.
     *
     * @return true when this peer's vote or round changed: broadcast it
     */
    boolean onLooking(int from, Notification n, Vote own) {
        if (!quorum.isMember(from)) {
            return false;
        }
        boolean changed = false;
        Vote theirs = new Vote(n.leader(), n.zxid(), n.peerEpoch());
        if (n.round() > round) {
            round = n.round();
            received.clear();
            settled.clear();
            vote = theirs.beats(own, flaw) ? theirs : own;
            received.put(self, vote);
            finalizeLeft = -1;
            changed = true;
        } else if (n.round() < round) {
            return false;
        } else if (theirs.beats(vote, flaw)) {
            vote = theirs;
            received.put(self, vote);
            finalizeLeft = -1;
            changed = true;
        }
        received.put(from, theirs);
        finalizeIfBacked();
        return changed;
    }

    /** Once a quorum backs this peer's vote, the finalize wait starts (for a better vote still on its way). */
    private void finalizeIfBacked() {
        if (finalizeLeft < 0 && backedByQuorum()) {
            finalizeLeft = finalizeTicks;
            if (finalizeLeft == 0) {
                decided = vote.leader();
            }
        }
    }

    /** A notification from a peer that follows or leads: it may show an established leader to join. */
    void onSettled(int from, Notification n) {
        if (!quorum.isMember(from) || n.state() != PeerState.FOLLOWING && n.state() != PeerState.LEADING) {
            return;
        }
        settled.put(from, n);
        Notification leader = settled.get(n.leader());
        if (leader == null || leader.state() != PeerState.LEADING || leader.leader() != n.leader() || n.leader() == self) {
            return;
        }
        int[] backers = settled.entrySet().stream()
            .filter(e -> e.getValue().leader() == n.leader() && e.getValue().peerEpoch() == leader.peerEpoch())
            .mapToInt(Map.Entry::getKey).toArray();
        if (quorum.isPhase1Quorum(backers)) {
            vote = new Vote(n.leader(), n.zxid(), n.peerEpoch());
            decided = n.leader();
        }
    }

    /**
     * The transport suspects {@code peer} stopped: what it said in this round no longer counts
     * towards a decision (a dead peer neither leads nor follows the vote it backed). If the vote
     * this peer backs loses its quorum so, the finalize wait starts again once a quorum is back.
     * Only evidence is withdrawn, never added, so a wrong suspicion can delay a decision but not
     * make one. A live peer says it again within a tick: one that looks broadcasts its vote every
     * tick, one that leads or follows answers the notification this peer broadcasts every tick.
     * The vote itself stays (votes only rise within a round): if it names the suspected peer and
     * that peer is dead, discovery gives up on it after initLimit, as before.
     */
    void forget(int peer) {
        if (peer == self) {
            return;
        }
        received.remove(peer);
        settled.remove(peer);
        if (decided == UNDECIDED && finalizeLeft > 0 && !backedByQuorum()) {
            finalizeLeft = -1;
        }
    }

    private boolean backedByQuorum() {
        int[] backers = received.entrySet().stream().filter(e -> e.getValue().equals(vote)).mapToInt(Map.Entry::getKey).toArray();
        return quorum.isPhase1Quorum(backers);
    }

    /** One tick: the finalize wait runs down. */
    void tick() {
        if (finalizeLeft > 0 && --finalizeLeft == 0) {
            decided = vote.leader();
        }
    }

    /** The leader decided on, or {@link #UNDECIDED}. */
    int decided() {
        return decided;
    }
}
