package io.synod.paxos.multi;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.role.Proposer;
import io.synod.protocol.Ballot;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.ForwardCommand;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.Reject;
import io.synod.quorum.VoteTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distinguished proposer. It runs phase 1 once for every slot above its commit index,
 * adopts for each slot the value accepted at the highest ballot among the promises, fills the
 * slots nobody reported with no-ops, and rewrites all of them at its own ballot before it opens
 * new slots. Then phase 2 per slot: client commands pending when a batch is cut are packed into
 * one slot, at most {@code maxInflight} slots stay open above the commit index, and each peer is
 * fed from its {@link Progress} — pipelined while it keeps up, probed when it refused, fed from
 * the durable log the driver retains below the snapshot (a DIFF) when it needs slots compacted
 * out of the core's view, and sent the snapshot (streamed by the driver) when it needs slots the
 * durable log no longer holds either.
 */
final class MultiProposer implements Proposer {

    private static final Logger LOG = LoggerFactory.getLogger(MultiProposer.class);
    /** Bytes of entries one Accept read from the durable log carries at most. */
    static final long DIFF_BYTES = 1 << 20;

    private final PaxosNode node;
    private final Leadership leadership;
    private final MultiAcceptor acceptor;
    private final ReadIndex reads;
    private final VoteTracker promises;
    private final VoteTracker votes;
    private final TreeMap<Long, LogEntry> adopted = new TreeMap<>();
    private final Map<Integer, Progress> progress = new HashMap<>();
    private final ArrayDeque<Command> pending = new ArrayDeque<>();
    private Ballot ballot = Ballot.ZERO;
    private Ballot highestSeen = Ballot.ZERO;
    private long fromSlot;
    private long horizon;
    private boolean preparing;
    private boolean leading;
    private boolean commitMoved;
    /** The leader's own log at our ballot through this slot is durable: the highest slot it counts itself for. */
    private long durableThrough;
    /** The leader's last slot when the last Ready was cut; durable once the driver comes back. */
    private long cutThrough;

    MultiProposer(PaxosNode node, Leadership leadership, MultiAcceptor acceptor, ReadIndex reads) {
        this.node = node;
        this.leadership = leadership;
        this.acceptor = acceptor;
        this.reads = reads;
        this.promises = node.quorum.newTracker();
        this.votes = node.quorum.newTracker();
    }

    boolean isLeading() {
        return leading;
    }

    boolean isActive() {
        return leading || preparing;
    }

    Ballot ballot() {
        return ballot;
    }

    @Override
    public boolean onMessage(Envelope envelope, Effects effects) {
        if (envelope.message() instanceof Promise p) {
            onPromise(envelope.from(), p);
        } else if (envelope.message() instanceof Accepted a) {
            onAccepted(envelope.from(), a);
        } else if (envelope.message() instanceof Reject r) {
            onReject(r);
        } else if (envelope.message() instanceof ForwardCommand f) {
            onForward(envelope.from(), f.command());
        } else {
            return false;
        }
        return true;
    }

    // ---- phase 1 ----

    /** Starts phase 1 with a ballot above every ballot seen, for all slots above the commit index. */
    void campaign() {
        Ballot base = node.promised();
        if (highestSeen.isAbove(base)) {
            base = highestSeen;
        }
        if (ballot.isAbove(base)) {
            base = ballot;
        }
        ballot = base.next(node.self);
        node.promise(ballot);
        preparing = true;
        leading = false;
        node.role = PaxosNode.Role.CANDIDATE;
        node.leader = CoreStatus.NO_LEADER;
        node.election.restart();
        promises.reset();
        adopted.clear();
        fromSlot = node.learner.chosenIndex() + 1;
        for (int member : node.members) {
            if (member != node.self) {
                node.effects.send(member, new Prepare(ballot.pack(), fromSlot));
            }
        }
        onPromise(node.self, acceptor.promiseFor(node.self, ballot.pack(), fromSlot));
    }

    private void onPromise(int from, Promise promise) {
        if (!preparing || promise.ballot() != ballot.pack()) {
            return;
        }
        if (promise.snapshot() != null && promise.snapshot().index() > node.learner.chosenIndex()) {
            // Slots this campaign meant to recover are chosen and compacted at that peer, whose
            // driver streams its snapshot here: catch up first, campaign again after.
            leadership.stepDown(CoreStatus.NO_LEADER);
            return;
        }
        if (!promises.record(from)) {
            return;
        }
        for (LogEntry e : promise.accepted()) {
            if (e.index() >= fromSlot) {
                adopted.merge(e.index(), e, (mine, theirs) -> theirs.term() > mine.term() ? theirs : mine);
            }
        }
        if (promises.isPhase1Quorum()) {
            lead();
        }
    }

    /** Phase 1 is done: re-propose what the promises reported, no-ops in the gaps, at our ballot. */
    private void lead() {
        preparing = false;
        leading = true;
        node.role = PaxosNode.Role.LEADER;
        node.leader = node.self;
        long base = fromSlot - 1;
        horizon = adopted.isEmpty() ? base : Math.max(base, adopted.lastKey());
        List<LogEntry> recovered = new ArrayList<>();
        for (long slot = base + 1; slot <= horizon; slot++) {
            LogEntry found = adopted.get(slot);
            recovered.add(new LogEntry(slot, ballot.pack(), found == null ? CommandBatch.NOOP : found.data()));
        }
        adopted.clear();
        // The rewrites below are this node's acceptances at our ballot: they count once durable.
        durableThrough = base;
        cutThrough = base;
        node.log.replaceFrom(base + 1, recovered);
        progress.clear();
        for (int peer : node.peers) {
            progress.put(peer, new Progress(base + 1));
        }
        reads.onLeader(horizon);
        LOG.debug("node {} leads at ballot {}, re-proposing slots {}..{}", node.self, ballot, base + 1, horizon);
        for (int peer : node.peers) {
            sendAppend(peer, progress.get(peer));
        }
        advanceCommit();
    }

    private void onReject(Reject reject) {
        Ballot promised = Ballot.unpack(reject.promised());
        if (promised.isAbove(highestSeen)) {
            highestSeen = promised;
        }
        if (isActive() && reject.ballot() == ballot.pack() && promised.isAbove(ballot)) {
            leadership.stepDown(CoreStatus.NO_LEADER);
        }
    }

    // ---- client commands ----

    @Override
    public void propose(Command command, Effects effects) {
        if (isActive()) {
            pending.addLast(command);
        } else if (node.leader != CoreStatus.NO_LEADER && node.leader != node.self) {
            effects.send(node.leader, new ForwardCommand(command));
        } else {
            effects.reply(new ClientReply.Rejected(command.clientId(), command.sequence(),
                ClientReply.Reason.NOT_LEADER, node.leader));
        }
    }

    private void onForward(int from, Command command) {
        if (isActive()) {
            pending.addLast(command);
        } else {
            // No reply path to the client from here: its driver times out and retries at a leader.
            LOG.debug("node {} is not leading; dropped {} forwarded by {}", node.self, command, from);
        }
    }

    /** Leadership ended: commands not yet in a slot go to the new leader or back to their clients. */
    void stepDown(int leaderHint) {
        preparing = false;
        leading = false;
        progress.clear();
        adopted.clear();
        for (Command c : pending) {
            if (leaderHint != CoreStatus.NO_LEADER && leaderHint != node.self) {
                node.effects.send(leaderHint, new ForwardCommand(c));
            } else {
                node.effects.reply(new ClientReply.Rejected(c.clientId(), c.sequence(), ClientReply.Reason.NOT_LEADER, leaderHint));
            }
        }
        pending.clear();
    }

    /**
     * Cuts the batch: opens slots for pending commands while the window allows, sends them,
     * and tells peers about a moved commit index or a wanted read round. Called as a Ready is emitted.
     */
    void flush() {
        if (!leading) {
            return;
        }
        boolean opened = false;
        while (!pending.isEmpty() && node.log.lastIndex() - node.learner.chosenIndex() < node.config.maxInflight()) {
            List<Command> batch = new ArrayList<>();
            while (!pending.isEmpty() && batch.size() < node.config.maxBatch()) {
                batch.add(pending.pollFirst());
            }
            byte[] data = CommandBatch.encode(node.wallClock.currentTimeMillis(), ballot.pack(), batch);
            node.log.append(new LogEntry(node.log.lastIndex() + 1, ballot.pack(), data));
            opened = true;
        }
        if (opened) {
            for (int peer : node.peers) {
                Progress pr = progress.get(peer);
                if (!pr.probing) {
                    sendAppend(peer, pr);
                }
            }
            advanceCommit();
        }
        if (reads.roundWanted()) {
            reads.startRound();
            broadcastCommit();
        } else if (commitMoved) {
            broadcastCommit();
        }
    }

    // ---- phase 2 ----

    /** A heartbeat interval passed: new read round, and resend whatever peers have not confirmed. */
    void heartbeat() {
        reads.startRound();
        commitMoved = false;
        for (int peer : node.peers) {
            Progress pr = progress.get(peer);
            if (pr.match < node.log.lastIndex()) {
                pr.next = Math.min(pr.next, pr.match + 1);
                if (pr.next <= node.log.snapshotIndex() && !diffable(pr.next)) {
                    // Waiting for a snapshot: a probe learns when the peer has installed it.
                    sendEmpty(peer, pr);
                }
                sendAppend(peer, pr);
            } else {
                sendEmpty(peer, pr);
            }
        }
    }

    private void broadcastCommit() {
        commitMoved = false;
        for (int peer : node.peers) {
            sendEmpty(peer, progress.get(peer));
        }
    }

    private void sendEmpty(int peer, Progress pr) {
        sendAccept(peer, new Accept(ballot.pack(), horizon, pr.match + 1, List.of(), node.learner.chosenIndex(), reads.round()));
    }

    private void sendAppend(int peer, Progress pr) {
        PaxosLog log = node.log;
        if (pr.next <= log.snapshotIndex()) {
            if (diffable(pr.next)) {
                sendFromDurableLog(peer, pr);
            } else {
                // The driver streams it (once: asking again while it runs does nothing).
                node.effects.sendSnapshot(peer);
                pr.probing = true;
            }
            return;
        }
        long to = Math.min(log.lastIndex(), pr.next - 1 + node.config.maxInflight());
        if (to < pr.next && !pr.probing) {
            return;
        }
        List<LogEntry> entries = new ArrayList<>();
        for (LogEntry e : log.entries(pr.next, to)) {
            // Slots chosen before this leadership keep their old ballot in our log; we propose them again at ours.
            entries.add(e.term() == ballot.pack() ? e : new LogEntry(e.index(), ballot.pack(), e.data()));
        }
        sendAccept(peer, new Accept(ballot.pack(), horizon, pr.next, entries, node.learner.chosenIndex(), reads.round()));
        if (!pr.probing) {
            pr.next = to + 1;
        }
    }

    /**
     * True when the durable log still holds {@code slot}, compacted out of the core's view, with
     * its chosen value (see {@link PaxosLog#chosenFrom()}): a lagging peer can be fed from there.
     */
    private boolean diffable(long slot) {
        return slot >= node.durable.firstIndex() && slot >= node.log.chosenFrom() && slot <= node.durable.lastIndex();
    }

    /** Sends {@code peer} the chosen slots from {@code pr.next} on, as the durable log holds them below the snapshot. */
    private void sendFromDurableLog(int peer, Progress pr) {
        long to = Math.min(Math.min(node.log.snapshotIndex(), node.durable.lastIndex()), pr.next - 1 + node.config.maxInflight());
        List<LogEntry> entries = new ArrayList<>();
        for (LogEntry e : node.durable.entries(pr.next, to + 1, DIFF_BYTES)) {
            entries.add(e.term() == ballot.pack() ? e : new LogEntry(e.index(), ballot.pack(), e.data()));
        }
        sendAccept(peer, new Accept(ballot.pack(), horizon, pr.next, entries, node.learner.chosenIndex(), reads.round()));
        if (!pr.probing) {
            pr.next = entries.get(entries.size() - 1).index() + 1;
        }
    }

    /**
     * Sends a phase-2a Accept (or a heartbeat, an Accept without slots) early — before or while
     * this batch is persisted — once our ballot is durable. Raft thesis §10.2.1.
     *
     * <p><b>Why this is safe.</b> An Accept is a proposal, not an acceptance: it reports nothing
     * this node persists in the batch. Its slots may be in the batch (the leader's own acceptance
     * of them), but the leader counts that acceptance toward a quorum only once it is durable
     * ({@link #batchDurable()}); if the leader crashes before its fsync completes, followers may
     * have accepted values it lost, which is what any proposal may lead to — those values are
     * still ours at our ballot and a later phase 1 finds them like any accepted value. What an
     * Accept does rest on is that ballot: its uniqueness (one value per slot per ballot) holds
     * because the promise of it is on disk, so that a restarted node never proposes at it again.
     * While the promise is in the batch being cut (a campaign won within one batch), the Accept
     * therefore waits for the persist like any other message. Its commit index reports only slots
     * chosen by durable acceptances: followers' acknowledgements left after their own persists,
     * and the leader's own counts only through {@code durableThrough}. Its read round and horizon
     * rest on promises peers have already made durably.
     */
    private void sendAccept(int peer, Accept accept) {
        if (node.promiseDirty()) {
            node.effects.send(peer, accept);
        } else {
            node.effects.sendEarly(peer, accept);
        }
    }

    /** The Ready being cut carries the log as it is now; remembered until the driver comes back. */
    void batchCut() {
        if (leading) {
            cutThrough = node.log.lastIndex();
        }
    }

    /**
     * The driver came back after carrying out the last Ready (it feeds no input while it handles
     * one), so the slots that Ready appended are durable and the leader may count itself for them.
     */
    void batchDurable() {
        if (leading && cutThrough > durableThrough) {
            durableThrough = cutThrough;
            advanceCommit();
        }
    }

    /**
     * {@code peer} holds the chosen slots through {@code slot} (a snapshot of ours reached it):
     * resume it from the slot after. Counting it for slots already chosen changes no quorum.
     */
    void snapshotDelivered(int peer, long slot) {
        Progress pr = progress.get(peer);
        if (!leading || pr == null || slot <= pr.match) {
            return;
        }
        pr.matched(Math.min(slot, node.learner.chosenIndex()));
        if (pr.next <= node.log.lastIndex()) {
            sendAppend(peer, pr);
        }
    }

    private void onAccepted(int from, Accepted accepted) {
        Progress pr = progress.get(from);
        if (!leading || accepted.ballot() != ballot.pack() || pr == null) {
            return;
        }
        reads.onAck(from, accepted.round());
        if (accepted.success()) {
            pr.matched(accepted.match());
            if (pr.next <= node.log.lastIndex()) {
                sendAppend(from, pr);
            }
        } else {
            pr.refused(accepted.match());
            sendAppend(from, pr);
        }
        advanceCommit();
    }

    /** Commits the highest slot that a phase-2 quorum holds at our ballot. */
    private void advanceCommit() {
        long commit = node.learner.chosenIndex();
        long[] candidates = new long[node.members.length];
        for (int i = 0; i < node.members.length; i++) {
            candidates[i] = matchOf(node.members[i]);
        }
        Arrays.sort(candidates);
        for (int i = candidates.length - 1; i >= 0 && candidates[i] > commit; i--) {
            long slot = candidates[i];
            votes.reset();
            int count = 0;
            for (int member : node.members) {
                if (matchOf(member) >= slot) {
                    votes.record(member);
                    count++;
                }
            }
            if (votes.isPhase2Quorum()
                || node.config.flaw() == Flaw.COMMIT_SHORT_OF_QUORUM && count >= node.members.length / 2) {
                node.learner.commitThrough(slot);
                reads.onCommit();
                commitMoved = true;
                return;
            }
        }
    }

    private long matchOf(int member) {
        if (member == node.self) {
            // Only acceptances already on disk count: Accepts may have left before this batch's fsync.
            return Math.min(durableThrough, node.log.lastIndex());
        }
        Progress pr = progress.get(member);
        return pr == null ? 0 : pr.match;
    }
}
