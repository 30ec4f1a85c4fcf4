package io.synod.paxos.multi;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.SnapshotMeta;
import io.synod.protocol.Ballot;
import io.synod.quorum.QuorumSystem;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * One Multi-Paxos replica: acceptor, learner, and — when elected — the distinguished proposer,
 * composed on one node and sharing one batch of effects. This class only dispatches inputs to
 * the parts and carries out role changes that touch several of them; each rule lives in its part
 * ({@link MultiAcceptor}, {@link MultiLearner}, {@link MultiProposer}, {@link Election},
 * {@link ReadIndex}).
 *
 * <p>The hard state (promised ballot and rejoin state, see {@link HardState}) is attached when a
 * {@link Ready} is cut; an action that must wait until a batch is durable is run into the batch
 * after it.
 *
 * <p>Snapshots are the driver's: it tells this core where one it wrote ends
 * ({@link #compacted}) and where one a peer streamed here ends ({@link #snapshotInstalled}); the
 * core asks for its snapshot to be sent to a peer that needs slots it no longer holds, unless the
 * driver still keeps them in its durable log ({@code ProtocolContext.log()}), which is cheaper.
 *
 * <p>A leader's Accepts go out as early messages (see {@link MultiProposer}), so a follower
 * persists a slot while the leader does; the leader counts its own acceptance only from the next
 * call on, when the driver has carried the batch out.
 */
final class MultiPaxosCore implements ProtocolCore, Leadership {

    private final PaxosNode node;
    private final MultiAcceptor acceptor;
    private final MultiProposer proposer;
    private final ReadIndex reads;
    private final ArrayDeque<Runnable> afterDurable = new ArrayDeque<>();

    MultiPaxosCore(ProtocolContext context, MultiPaxos config) {
        QuorumSystem quorum = config.quorum().orElseGet(() -> QuorumSystem.majority(context.members()));
        int[] members = context.members();
        int[] sorted = members.clone();
        Arrays.sort(sorted);
        if (!Arrays.equals(sorted, quorum.members())) {
            throw new IllegalArgumentException("quorum system members " + Arrays.toString(quorum.members())
                + " differ from the cluster's members " + Arrays.toString(sorted));
        }
        HardState hardState = HardState.decode(context.recovered().hardState());
        Effects effects = new Effects(context.self());
        Rejoin rejoin = Rejoin.recover(hardState, context.recovered());
        PaxosLog log = PaxosLog.recover(effects, context.recovered());
        Election election = new Election(config.electionTicks(), config.heartbeatTicks(), context.random());
        if (config.flaw() == Flaw.LEASE_FORGOTTEN_ON_RESTART) {
            election.forgetStart();
        }
        this.node = new PaxosNode(context.self(), members, context.observers(), quorum, config, effects, log, context.log(),
            election, hardState.promised(), rejoin, context.wallClock());
        this.reads = new ReadIndex(node);
        this.acceptor = new MultiAcceptor(node, this);
        this.proposer = new MultiProposer(node, this, acceptor, reads);
    }

    @Override
    public void step(Envelope envelope) {
        // Refused before anything changes: a peer's bad message is dropped by the driver, never fatal.
        if (envelope.to() != node.self) {
            throw new InvalidMessageException("node " + node.self + " was handed a message for node " + envelope.to());
        }
        if (!(envelope.message() instanceof MultiPaxosMessage)) {
            throw new InvalidMessageException("node " + node.self + " got a message of another protocol from node "
                + envelope.from() + ": " + envelope.message().getClass().getName());
        }
        proposer.batchDurable();
        if (envelope.message() instanceof MultiPaxosMessage.ReadIndexRequest request) {
            readFor(envelope.from(), request.readId());
        } else if (envelope.message() instanceof MultiPaxosMessage.ReadIndexReply reply) {
            reads.onReply(reply);
        } else if (!acceptor.onMessage(envelope, node.effects)) {
            proposer.onMessage(envelope, node.effects);
        }
    }

    @Override
    public void tick() {
        proposer.batchDurable();
        reads.tick();
        if (proposer.isLeading()) {
            if (node.election.heartbeatDue()) {
                proposer.heartbeat();
            }
        } else if (node.election.electionDue() && node.votes()) {
            proposer.campaign();
        }
    }

    /**
     * The leader's connection closed: campaign now rather than after electionTicks of silence, as
     * ZooKeeper's followers go looking when their leader's socket closes. Paxos is safe whoever
     * campaigns whenever, so a wrong suspicion costs at most one change of leader. With leases on
     * it is ignored: the acceptors refuse to promise while the old leader's lease may run, which a
     * campaign cannot hurry, and the candidate's own promise must not come before that either.
     */
    @Override
    public void suspect(int peer) {
        proposer.batchDurable();
        if (peer != node.self && peer == node.leader && !proposer.isLeading() && node.config.leaseTicks() == 0
            && node.votes()) {
            proposer.campaign();
        }
    }

    @Override
    public void propose(Command command) {
        proposer.batchDurable();
        proposer.propose(command, node.effects);
    }

    /**
     * A linearizable read: the leader confirms its read index itself; a follower asks the leader
     * it knows for one (the follower read of the Raft thesis, §6.4); with no leader known the
     * read is refused and the driver retries it.
     */
    @Override
    public void read(long readId) {
        proposer.batchDurable();
        if (proposer.isLeading()) {
            reads.read(node.self, readId);
        } else if (node.leader != CoreStatus.NO_LEADER && node.leader != node.self) {
            node.effects.send(node.leader, new MultiPaxosMessage.ReadIndexRequest(readId));
        } else {
            node.effects.reply(new ClientReply.ReadRejected(readId, ClientReply.Reason.NOT_LEADER, node.leader));
        }
    }

    private void readFor(int follower, long readId) {
        if (proposer.isLeading()) {
            reads.read(follower, readId);
        } else {
            node.effects.send(follower, new MultiPaxosMessage.ReadIndexReply(readId, MultiPaxosMessage.ReadIndexReply.REFUSED));
        }
    }

    @Override
    public void compacted(SnapshotMeta snapshot) {
        if (snapshot.index() > node.learner.chosenIndex()) {
            throw new IllegalArgumentException(snapshot + " lies above the commit index " + node.learner.chosenIndex()
                + " of node " + node.self);
        }
        node.log.compact(snapshot);
    }

    @Override
    public void snapshotInstalled(SnapshotMeta snapshot) {
        proposer.batchDurable();
        if (proposer.isActive() && snapshot.index() > node.learner.chosenIndex()) {
            // A campaign (or leadership) that set out from a lower commit index would rewrite slots
            // now folded into the snapshot: give it up, and campaign again from the new index.
            stepDown(CoreStatus.NO_LEADER);
        }
        acceptor.installed(snapshot);
    }

    @Override
    public void snapshotSent(int peer, SnapshotMeta snapshot) {
        proposer.batchDurable();
        proposer.snapshotDelivered(peer, snapshot.index());
    }

    @Override
    public boolean hasReady() {
        proposer.batchDurable();
        proposer.flush();
        return node.effects.hasPending() || node.promiseDirty() || node.rejoin.dirty() || !afterDurable.isEmpty();
    }

    @Override
    public Ready ready() {
        proposer.batchDurable();
        proposer.flush();
        attachHardState();
        Ready ready = node.effects.drain();
        proposer.batchCut();
        List<Runnable> actions = List.copyOf(afterDurable);
        afterDurable.clear();
        actions.forEach(Runnable::run);
        return ready;
    }

    private void attachHardState() {
        boolean rejoinChanged = node.rejoin.takeDirty();
        if (node.takePromiseDirty() || rejoinChanged) {
            node.effects.persistHardState(new HardState(node.promised(), node.rejoin.above()).encode());
        }
    }

    @Override
    public CoreStatus status() {
        return new CoreStatus(node.self, node.role.label(), node.leader, node.promised().round(), node.learner.chosenIndex());
    }

    /** Reads this incarnation answered from its leader lease; for tests and operators. */
    long leaseReads() {
        return reads.leaseReads();
    }

    /** True while this node leads under a lease that holds. */
    boolean leaseHeld() {
        return proposer.isLeading() && reads.leaseHeld();
    }

    /** The ballot this node leads (or campaigns) at, or {@link Ballot#ZERO} if it never did. */
    Ballot leaderBallot() {
        return proposer.ballot();
    }

    // ---- role changes ----

    @Override
    public void follow(Ballot ballot, int leader) {
        if (proposer.isActive() && ballot.isAbove(proposer.ballot())) {
            stepDown(leader);
        }
        if (!proposer.isActive()) {
            node.leader = leader;
            node.role = node.voter ? PaxosNode.Role.FOLLOWER : PaxosNode.Role.OBSERVER;
        }
        node.election.heardFromLeader();
    }

    @Override
    public void promised(Ballot ballot) {
        if (proposer.isActive() && ballot.isAbove(proposer.ballot())) {
            stepDown(CoreStatus.NO_LEADER);
        }
        if (!proposer.isActive()) {
            node.leader = CoreStatus.NO_LEADER;
        }
        node.election.restart();
    }

    @Override
    public void stepDown(int leaderHint) {
        proposer.stepDown(leaderHint);
        reads.stepDown(leaderHint);
        node.role = node.voter ? PaxosNode.Role.FOLLOWER : PaxosNode.Role.OBSERVER;
        node.leader = leaderHint;
        node.election.restart();
    }

    @Override
    public void afterDurable(Runnable action) {
        afterDurable.addLast(action);
    }
}
