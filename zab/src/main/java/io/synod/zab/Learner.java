package io.synod.zab;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.zab.message.ZabMessage.Ack;
import io.synod.zab.message.ZabMessage.AckEpoch;
import io.synod.zab.message.ZabMessage.AckNewLeader;
import io.synod.zab.message.ZabMessage.Commit;
import io.synod.zab.message.ZabMessage.FollowerInfo;
import io.synod.zab.message.ZabMessage.Inform;
import io.synod.zab.message.ZabMessage.LeaderInfo;
import io.synod.zab.message.ZabMessage.NewLeader;
import io.synod.zab.message.ZabMessage.Ping;
import io.synod.zab.message.ZabMessage.PingReply;
import io.synod.zab.message.ZabMessage.Proposal;
import io.synod.zab.message.ZabMessage.Request;
import io.synod.zab.message.ZabMessage.SyncReply;
import io.synod.zab.message.ZabMessage.SyncRequest;
import io.synod.zab.message.ZabMessage.UpToDate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A follower's or observer's side of ZAB (ZooKeeper's {@code Learner}, {@code Follower} and
 * {@code Observer}): FOLLOWERINFO, then ACKEPOCH once the leader's epoch is accepted durably,
 * then the leader's history (NEWLEADER) — stored first, its epoch taken as current in the next
 * batch (ZOOKEEPER-4643), and only then acknowledged — then proposals, each acknowledged after
 * it is durable, and commits.
 *
 * <p>A learner that does not vote (an observer, or a voter re-learning a damaged log) is sent
 * committed entries only (INFORM), and nothing it says is counted.
 *
 * <p>It gives up on the leader — and looks for one again — when discovery and synchronisation
 * take more than {@code initLimit} ticks, or when the leader is silent for more than
 * {@code syncLimit} ticks, or at once when the transport suspects the leader stopped.
 */
final class Learner {

    enum Phase { DISCOVERY, SYNC, BROADCAST }

    private final ZabNode node;
    private final Set<Long> reads = new LinkedHashSet<>();
    private int leader;
    private long session;
    private long epoch;
    private boolean voting;
    private Phase phase;
    private boolean epochStored;
    private boolean upToDate;
    private long upToDateCommit = -1;
    private int ticksInPhase;
    private int silentTicks;
    private String abandon;
    /** A NEWLEADER whose snapshot the driver has not installed here yet (SNAP): taken once it has. */
    private NewLeader awaitingSnapshot;

    Learner(ZabNode node) {
        this.node = node;
    }

    boolean isActive() {
        return phase != null;
    }

    boolean upToDate() {
        return upToDate;
    }

    /** The reason this learner gave up on its leader, once; null while it follows. */
    String takeAbandon() {
        String why = abandon;
        abandon = null;
        return why;
    }

    private void abandon(String why) {
        if (abandon == null) {
            abandon = why;
        }
    }

    void start(int leaderId) {
        leader = leaderId;
        session = node.random.nextLong() & Long.MAX_VALUE | 1;
        voting = node.votes();
        phase = Phase.DISCOVERY;
        epoch = 0;
        epochStored = false;
        upToDate = false;
        upToDateCommit = -1;
        ticksInPhase = 0;
        silentTicks = 0;
        abandon = null;
        awaitingSnapshot = null;
        sendInfo();
    }

    void stop() {
        phase = null;
        awaitingSnapshot = null;
        for (long readId : reads) {
            node.effects.reply(new ClientReply.ReadRejected(readId, ClientReply.Reason.NOT_LEADER, io.synod.api.CoreStatus.NO_LEADER));
        }
        reads.clear();
    }

    private void sendInfo() {
        node.send(leader, new FollowerInfo(session, node.acceptedEpoch(), node.log.lastZxid(), voting));
    }

    private boolean fromLeader(int from) {
        if (from != leader) {
            return false;
        }
        silentTicks = 0;
        return true;
    }

    // ---- discovery ----

    void onLeaderInfo(int from, LeaderInfo info) {
        if (!fromLeader(from) || info.session() != session) {
            return;
        }
        if (phase == Phase.SYNC && info.epoch() == epoch) {
            sendAckEpoch();
            return;
        }
        if (phase != Phase.DISCOVERY) {
            return;
        }
        if (info.epoch() < node.acceptedEpoch() && node.isVoter()) {
            // A voter's accepted epoch is a promise a newer leader may have counted on; an
            // observer's counts for nothing (leaders ignore it), and it may come from a leader
            // that never established its epoch: refusing the leader that did would leave the
            // observer looking for ever.
            abandon("leader " + from + " proposed epoch " + info.epoch() + " below the accepted epoch " + node.acceptedEpoch());
            return;
        }
        node.acceptEpoch(info.epoch()); // stored with this batch, before ACKEPOCH leaves
        epoch = info.epoch();
        phase = Phase.SYNC;
        ticksInPhase = 0;
        sendAckEpoch();
    }

    private void sendAckEpoch() {
        node.send(leader, new AckEpoch(session, epoch, node.currentEpoch(), node.log.lastZxid(), node.log.base(),
            node.log.epochStarts()));
    }

    // ---- synchronisation ----

    void onNewLeader(int from, NewLeader nl) {
        if (!fromLeader(from) || nl.session() != session || nl.epoch() != epoch) {
            return;
        }
        if (nl.snapshot() != null && nl.snapshot().index() > node.log.baseIndex()) {
            awaitingSnapshot = nl; // the driver streams the snapshot; this history goes on top of it
            return;
        }
        take(nl);
    }

    /** The driver installed a snapshot here ({@link ZabLog#installed}): a NEWLEADER that waited for it goes on. */
    void snapshotInstalled() {
        NewLeader waiting = awaitingSnapshot;
        if (waiting != null && waiting.snapshot().index() <= node.log.baseIndex()) {
            awaitingSnapshot = null;
            take(waiting);
        }
    }

    private void take(NewLeader nl) {
        if (phase == Phase.BROADCAST) {
            if (epochStored) {
                catchUp(nl);
                node.send(leader, new AckNewLeader(session, epoch, node.log.lastIndex()));
            }
            return;
        }
        if (phase != Phase.SYNC) {
            return;
        }
        if (nl.truncateAfter() >= 0) {
            // A snapshot installed here may end above the point the leader planned from (the driver
            // streams the newest one): it holds the leader's history through its end, so only what
            // lies above it can differ.
            long after = Math.max(nl.truncateAfter(), node.log.baseIndex());
            if (after < node.commitIndex) {
                throw new IllegalStateException("leader " + leader + " asked node " + node.self + " to truncate after "
                    + after + ", below its commit index " + node.commitIndex);
            }
            node.log.truncateAfter(after);
        }
        appendFromLeader(nl.entries());
        phase = Phase.BROADCAST;
        ticksInPhase = 0;
        node.commitTo(Math.min(nl.commitIndex(), node.log.lastIndex()));
        node.afterDurable(this::storeEpochAndAck); // currentEpoch only after the history is durable (ZOOKEEPER-4643)
    }

    /**
     * A NEWLEADER again within the epoch: the leader lost track of this learner (a lost ACK) or
     * compacted the entries it lacks and had its snapshot streamed here (installed by now). The
     * history it carries extends this learner's (both are the leader's), so only what lies above
     * this log is taken.
     */
    private void catchUp(NewLeader nl) {
        appendFromLeader(nl.entries());
        commit(nl.commitIndex());
    }

    private void storeEpochAndAck() {
        if (phase != Phase.BROADCAST || node.acceptedEpoch() != epoch) {
            return;
        }
        node.setCurrentEpoch(epoch);
        epochStored = true;
        node.send(leader, new AckNewLeader(session, epoch, node.log.lastIndex()));
    }

    void onUpToDate(int from, UpToDate u) {
        if (!fromLeader(from) || u.epoch() != epoch || phase != Phase.BROADCAST) {
            return;
        }
        upToDate = true;
        upToDateCommit = Math.max(upToDateCommit, u.commitIndex());
        commit(u.commitIndex());
    }

    // ---- broadcast ----

    void onProposal(int from, Proposal p) {
        if (!fromLeader(from) || p.epoch() != epoch || phase != Phase.BROADCAST || !voting) {
            return;
        }
        appendFromLeader(p.entries());
        Ack ack = new Ack(session, epoch, node.log.lastIndex());
        if (node.flaw == Flaw.ACK_BEFORE_FSYNC) {
            node.effects.sendEarly(leader, ack);
        } else {
            node.send(leader, ack);
        }
        commit(p.commitIndex());
    }

    void onInform(int from, Inform inform) {
        if (!fromLeader(from) || inform.epoch() != epoch || phase != Phase.BROADCAST) {
            return;
        }
        appendFromLeader(inform.entries());
        node.send(leader, new Ack(session, epoch, node.log.lastIndex()));
        commit(inform.commitIndex());
    }

    /** Appends the leader's entries that follow this log; a gap stops it (the leader goes back). */
    private void appendFromLeader(List<LogEntry> entries) {
        for (LogEntry e : entries) {
            long last = node.log.lastIndex();
            if (e.index() <= node.log.baseIndex()) {
                continue;
            }
            if (e.index() <= last) {
                if (node.log.epochAt(e.index()) == e.term() || node.flaw == Flaw.SKIP_TRUNC) {
                    continue;
                }
                if (e.index() <= node.commitIndex) {
                    throw new IllegalStateException("leader " + leader + " sent index " + e.index() + " of epoch " + e.term()
                        + " over committed entry of epoch " + node.log.epochAt(e.index()) + " at node " + node.self);
                }
                node.log.truncateAfter(e.index() - 1);
            } else if (e.index() > last + 1) {
                return;
            }
            node.log.append(e);
        }
    }

    void onCommit(int from, Commit c) {
        if (fromLeader(from) && c.epoch() == epoch && phase == Phase.BROADCAST) {
            commit(c.commitIndex());
        }
    }

    void onPing(int from, Ping ping) {
        if (!fromLeader(from) || ping.epoch() != epoch || phase != Phase.BROADCAST || node.acceptedEpoch() != epoch) {
            return;
        }
        node.send(leader, new PingReply(session, epoch, ping.round(), node.log.lastIndex()));
        commit(ping.commitIndex());
    }

    private void commit(long leaderCommit) {
        node.commitTo(Math.min(leaderCommit, node.log.lastIndex()));
        if (node.rejoinEpoch() >= 0 && epoch > node.rejoinEpoch() && upToDateCommit >= 0
            && node.commitIndex >= upToDateCommit) {
            node.endRejoin(); // re-learned from a leader elected without this peer: it votes again
        }
    }

    // ---- clients ----

    void propose(Command command) {
        node.send(leader, new Request(command));
    }

    void read(long readId) {
        if (phase == Phase.BROADCAST && upToDate) {
            reads.add(readId);
            node.send(leader, new SyncRequest(readId));
        } else {
            node.effects.reply(new ClientReply.ReadRejected(readId, ClientReply.Reason.NOT_LEADER, leader));
        }
    }

    void onSyncReply(int from, SyncReply reply) {
        if (from != leader || !reads.remove(reply.readId())) {
            return;
        }
        node.effects.reply(reply.index() == SyncReply.REFUSED
            ? new ClientReply.ReadRejected(reply.readId(), ClientReply.Reason.NOT_LEADER, leader)
            : new ClientReply.ReadReady(reply.readId(), reply.index()));
    }

    /**
     * The transport suspects the leader stopped (its connection closed): give up on it now rather
     * than wait out its silence, in any phase (a dead leader would not synchronise us either).
     */
    void leaderSuspected() {
        abandon("leader " + leader + "'s connection closed");
    }

    // ---- time ----

    void tick() {
        ticksInPhase++;
        silentTicks++;
        if (phase == Phase.BROADCAST) {
            if (silentTicks > node.config.syncLimit()) {
                abandon("leader " + leader + " silent for syncLimit (" + node.config.syncLimit() + " ticks)");
            }
            return;
        }
        if (ticksInPhase > node.config.initLimit()) {
            abandon("leader " + leader + " did not synchronise this node within initLimit (" + node.config.initLimit() + " ticks)");
        } else if (phase == Phase.DISCOVERY) {
            sendInfo();
        } else {
            sendAckEpoch();
        }
    }

    int leader() {
        return leader;
    }

    long epoch() {
        return epoch;
    }
}
