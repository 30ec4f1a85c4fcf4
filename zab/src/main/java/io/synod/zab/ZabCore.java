package io.synod.zab;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.SnapshotMeta;
import io.synod.quorum.QuorumSystem;
import io.synod.zab.message.PeerState;
import io.synod.zab.message.ZabMessage;
import io.synod.zab.message.ZabMessage.Notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * One ZAB peer: fast leader election, then leader ({@link Leader}) or learner ({@link Learner}),
 * sharing one batch of effects. This class only dispatches inputs and carries out the changes of
 * state (QuorumPeer's LOOKING → LEADING / FOLLOWING / OBSERVING and back); each rule lives in
 * its part.
 *
 * <p>Batches: the hard state is attached when a {@link Ready} is cut; what must wait until a
 * batch is durable (counting the leader's own ACK, storing currentEpoch after the history it
 * vouches for) runs as the batch is cut and writes into the next one, which the driver persists
 * only after this one.
 */
final class ZabCore implements ProtocolCore {

    private static final Logger LOG = LoggerFactory.getLogger(ZabCore.class);

    private final ZabNode node;
    private final FastLeaderElection election;
    private final ReadConfirmation reads;
    private final Leader leader;
    private final Learner learner;
    private boolean looking;
    private boolean readPingDue;

    ZabCore(ProtocolContext context, Zab config) {
        int[] members = context.members();
        QuorumSystem quorum = config.quorum().orElseGet(() -> QuorumSystem.majority(members));
        int[] sorted = members.clone();
        Arrays.sort(sorted);
        if (!Arrays.equals(sorted, quorum.members())) {
            throw new IllegalArgumentException("quorum system members " + Arrays.toString(quorum.members())
                + " differ from the cluster's members " + Arrays.toString(sorted));
        }
        Effects effects = new Effects(context.self());
        ZabHardState hard = ZabHardState.decode(context.recovered().hardState());
        ZabLog log = ZabLog.recover(effects, context.recovered());
        this.node = new ZabNode(context.self(), sorted, context.observers(), quorum, config, effects, log, hard, false,
            context.random(), context.wallClock());
        if (context.recovered().suspect() && !hard.rejoining() && node.isVoter()) {
            node.startRejoin(); // stored with the first batch: storage reports the damage only until then
        }
        this.election = new FastLeaderElection(node.self, quorum, config.finalizeTicks(), config.flaw());
        this.reads = new ReadConfirmation(node);
        this.leader = new Leader(node, reads);
        this.learner = new Learner(node);
        lookForLeader();
    }

    // ---- inputs ----

    @Override
    public void step(Envelope envelope) {
        int from = envelope.from();
        if (envelope.to() != node.self) {
            throw new io.synod.api.InvalidMessageException("node " + node.self + " was handed a message for node " + envelope.to());
        }
        if (!(envelope.message() instanceof ZabMessage message)) {
            throw ZabNode.invalid(node.self, from, envelope.message(), "not a ZAB message");
        }
        if (!node.isKnown(from) || from == node.self) {
            throw ZabNode.invalid(node.self, from, message, "the sender is not a peer of this cluster");
        }
        if (message instanceof Notification n) {
            onNotification(from, n);
        } else if (message instanceof ZabMessage.SyncRequest m) {
            syncFor(from, m.readId());
        } else if (leader.isActive()) {
            toLeader(from, message);
        } else if (learner.isActive()) {
            toLearner(from, message);
        }
        settle();
    }

    private void toLeader(int from, ZabMessage message) {
        if (message instanceof ZabMessage.FollowerInfo m) {
            leader.onFollowerInfo(from, m);
        } else if (message instanceof ZabMessage.AckEpoch m) {
            leader.onAckEpoch(from, m);
        } else if (message instanceof ZabMessage.AckNewLeader m) {
            leader.onAckNewLeader(from, m);
        } else if (message instanceof ZabMessage.Ack m) {
            leader.onAck(from, m);
        } else if (message instanceof ZabMessage.PingReply m) {
            leader.onPingReply(from, m);
        } else if (message instanceof ZabMessage.Request m) {
            leader.propose(m.command());
        }
    }

    private void toLearner(int from, ZabMessage message) {
        if (message instanceof ZabMessage.LeaderInfo m) {
            learner.onLeaderInfo(from, m);
        } else if (message instanceof ZabMessage.NewLeader m) {
            learner.onNewLeader(from, m);
        } else if (message instanceof ZabMessage.UpToDate m) {
            learner.onUpToDate(from, m);
        } else if (message instanceof ZabMessage.Proposal m) {
            learner.onProposal(from, m);
        } else if (message instanceof ZabMessage.Commit m) {
            learner.onCommit(from, m);
        } else if (message instanceof ZabMessage.Inform m) {
            learner.onInform(from, m);
        } else if (message instanceof ZabMessage.Ping m) {
            learner.onPing(from, m);
        } else if (message instanceof ZabMessage.SyncReply m) {
            learner.onSyncReply(from, m);
        }
    }

    @Override
    public void tick() {
        if (looking) {
            election.tick();
            broadcastNotification();
        } else if (leader.isActive()) {
            leader.tick();
        } else if (learner.isActive()) {
            learner.tick();
        }
        settle();
    }

    @Override
    public void propose(Command command) {
        if (leader.isActive()) {
            leader.propose(command);
        } else if (learner.isActive()) {
            learner.propose(command);
        } else {
            node.reject(command);
        }
    }

    /** A linearizable read: the leader confirms it ({@link ReadConfirmation}); a learner asks its leader. */
    @Override
    public void read(long readId) {
        if (leader.established()) {
            reads.read(node.self, readId);
            readPingDue = true;
        } else if (learner.isActive()) {
            learner.read(readId);
        } else {
            node.effects.reply(new ClientReply.ReadRejected(readId, ClientReply.Reason.NOT_LEADER, node.leader));
        }
    }

    private void syncFor(int from, long readId) {
        if (leader.established()) {
            reads.read(from, readId);
            readPingDue = true;
        } else {
            node.send(from, new ZabMessage.SyncReply(readId, ZabMessage.SyncReply.REFUSED));
        }
    }

    @Override
    public void compacted(SnapshotMeta snapshot) {
        if (snapshot.index() > node.commitIndex) {
            throw new IllegalArgumentException("snapshot at " + snapshot.index() + " lies above the commit index "
                + node.commitIndex + " of node " + node.self);
        }
        node.log.compact(snapshot);
    }

    /**
     * The driver installed a snapshot a leader streamed here (SNAP): the state machine holds
     * everything through it, and the log only what lies above. A leader that finds its commit
     * index overtaken so (a transfer an old leader started) steps down rather than lead from a
     * history it did not establish.
     */
    @Override
    public void snapshotInstalled(SnapshotMeta snapshot) {
        boolean overtaken = snapshot.index() > node.commitIndex;
        node.log.installed(snapshot);
        node.commitIndex = Math.max(node.commitIndex, snapshot.index());
        if (leader.isActive() && overtaken) {
            lookForLeader();
        } else if (learner.isActive()) {
            learner.snapshotInstalled();
        }
    }

    /**
     * The transport's hint that {@code peer} stopped (its connection closed). A learner whose
     * leader it names gives up on it now, as it would after the leader's silence, and looks for a
     * leader at once, as ZooKeeper's followers do when their leader's socket closes. A looking peer
     * stops counting what the suspected peer said in this round ({@link FastLeaderElection#forget}).
     * A leader keeps counting its quorum by ticks: a follower's closed connection costs it nothing
     * it could act on sooner (no other leader can win without that quorum either).
     *
     * <p>Safe whatever the hint is worth: giving up on a leader or withholding a vote is something
     * silence can make a peer do at any time; a wrong suspicion costs a rejoin (or an epoch, where
     * the leader has no quorum without the suspecting peer), and the silence timeouts still run
     * for the suspicions that never come.
     */
    @Override
    public void suspect(int peer) {
        if (peer == node.self || !node.isKnown(peer)) {
            return;
        }
        if (looking) {
            election.forget(peer);
        } else if (learner.isActive() && learner.leader() == peer) {
            learner.leaderSuspected();
        }
        settle();
    }

    // ---- batches ----

    @Override
    public boolean hasReady() {
        flush();
        return node.effects.hasPending() || node.hardStateDirty() || node.hasAfterDurable();
    }

    @Override
    public Ready ready() {
        flush();
        byte[] hard = node.takeHardState();
        if (hard != null) {
            node.effects.persistHardState(hard);
        }
        Ready ready = node.effects.drain();
        node.runAfterDurable();
        settle();
        return ready;
    }

    private void flush() {
        if (leader.isActive()) {
            leader.flush();
            if (readPingDue) {
                readPingDue = false;
                leader.pingForReads();
            }
            settle();
        }
    }

    // ---- changes of state ----

    /** Carries out what a part decided: a leader stepping down, a learner giving up, an election's decision. */
    private void settle() {
        if (leader.isActive()) {
            String why = leader.takeStepDown();
            if (why != null) {
                // An operator's one clue to a change of leader: the rule that gave it up.
                LOG.info("node {} stops leading: {}", node.self, why);
                lookForLeader();
            }
        } else if (learner.isActive()) {
            String why = learner.takeAbandon();
            if (why != null) {
                LOG.info("node {} stops following: {}", node.self, why);
                lookForLeader();
            }
        }
        if (looking && election.decided() != FastLeaderElection.UNDECIDED) {
            decide(election.decided());
        }
    }

    private void lookForLeader() {
        if (leader.isActive()) {
            leader.stop();
        }
        reads.refuseAll();
        if (learner.isActive()) {
            learner.stop();
        }
        node.leader = CoreStatus.NO_LEADER;
        node.state = node.votes() ? PeerState.LOOKING : PeerState.OBSERVING;
        looking = true;
        election.start(node.ownVote());
        broadcastNotification();
    }

    private void decide(int chosen) {
        looking = false;
        node.leader = chosen;
        if (chosen == node.self) {
            node.state = PeerState.LEADING;
            leader.start();
        } else {
            node.state = node.votes() ? PeerState.FOLLOWING : PeerState.OBSERVING;
            learner.start(chosen);
        }
    }

    /** This peer's notification: its vote while it looks; the leader and the epoch it is in once it knows it. */
    private Notification notification() {
        long epoch = looking ? 0 : leader.isActive() ? leader.epoch() : learner.isActive() ? learner.epoch() : 0;
        return election.notification(node.state, epoch);
    }

    private void broadcastNotification() {
        Notification mine = notification();
        for (int v : node.voters) {
            if (v != node.self) {
                node.send(v, mine);
            }
        }
    }

    private void onNotification(int from, Notification n) {
        if (looking) {
            if (node.state == PeerState.LOOKING && n.state() == PeerState.LOOKING) {
                if (election.onLooking(from, n, node.ownVote())) {
                    broadcastNotification();
                } else if (n.round() < election.round()) {
                    node.send(from, notification());
                }
            } else if (n.state() == PeerState.FOLLOWING || n.state() == PeerState.LEADING) {
                election.onSettled(from, n);
            } else if (node.state == PeerState.LOOKING) {
                node.send(from, notification()); // an observer looking for the leader
            }
        } else if (node.votes() && (n.state() == PeerState.LOOKING || n.state() == PeerState.OBSERVING)) {
            node.send(from, notification()); // tell a late peer who leads
        }
    }

    @Override
    public CoreStatus status() {
        long epoch = leader.isActive() ? leader.epoch() : learner.isActive() ? learner.epoch() : node.currentEpoch();
        String role = node.state.name().toLowerCase(java.util.Locale.ROOT);
        if (node.isVoter() && !node.votes()) {
            role += " (rejoining)";
        }
        return new CoreStatus(node.self, role, node.leader, epoch, node.commitIndex);
    }

    // ---- for invariants and tests ----

    ZabNode node() {
        return node;
    }

    Leader leader() {
        return leader;
    }

    Learner learner() {
        return learner;
    }
}
