package io.synod.paxos.multi;

import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.api.role.Acceptor;
import io.synod.protocol.Ballot;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.Reject;

import java.util.ArrayList;
import java.util.List;

/**
 * The acceptor of every slot at once. Its promise is one ballot for all slots (in the hard state);
 * its acceptances are the log (slot, ballot, value).
 *
 * <p><b>Never lose an acceptance.</b> A slot's value is replaced only by a higher ballot's value
 * for the same slot. Because the log is contiguous, replacing slot s rewrites the log from s: the
 * older entries behind it are written again unchanged, in the same Ready as the truncation (which
 * the log store commits atomically with its appends), except
 * entries above the leader's horizon with a lower ballot — the leader's phase 1 saw nothing chosen
 * there, and no lower ballot can be chosen any more once a quorum promised the leader's.
 *
 * <p><b>Matching the leader.</b> {@code acceptedPrefix} is the highest slot up to which this
 * replica holds the current leader's value everywhere (its own ballot, or a slot it knows is
 * chosen). It grows only by Accepts that continue it, so the leader learns exactly where to
 * resend from, and it bounds what the learner may commit: an entry is committed only when the
 * leader says it is chosen <em>and</em> this replica holds it at the leader's ballot.
 */
final class MultiAcceptor implements Acceptor {

    private final PaxosNode node;
    private final Leadership leadership;
    private long prefixBallot = -1;
    private long acceptedPrefix;

    MultiAcceptor(PaxosNode node, Leadership leadership) {
        this.node = node;
        this.leadership = leadership;
    }

    @Override
    public boolean onMessage(Envelope envelope, Effects effects) {
        if (envelope.message() instanceof Prepare p) {
            onPrepare(envelope.from(), p);
        } else if (envelope.message() instanceof Accept a) {
            onAccept(envelope.from(), a);
        } else {
            return false;
        }
        return true;
    }

    /** The slot up to which this replica holds the values of the leader at {@code ballot}. */
    long acceptedPrefix() {
        return acceptedPrefix;
    }

    private void onPrepare(int from, Prepare prepare) {
        if (!node.votes()) {
            // An observer has no vote; a replica re-learning a damaged log must not cast one (see Rejoin).
            return;
        }
        if (node.config.leaseTicks() > 0 && from != node.leader
            && (node.role == PaxosNode.Role.LEADER || node.election.leaderRecentlyHeard())) {
            // A leader's lease rests on this silence: no promise while its lease may run.
            return;
        }
        Ballot ballot = Ballot.unpack(prepare.ballot());
        if (ballot.compareTo(node.promised()) < 0) {
            node.effects.send(from, new Reject(prepare.ballot(), node.promised().pack()));
            return;
        }
        if (node.promise(ballot)) {
            leadership.promised(ballot);
        }
        node.effects.send(from, promiseFor(from, prepare.ballot(), prepare.fromSlot()));
    }

    /**
     * This replica's phase-1b answer to {@code candidate} for slots from {@code fromSlot} on. If
     * its snapshot covers some of them, the candidate must install it: the driver is asked to
     * stream it there, and the promise says where it ends.
     */
    Promise promiseFor(int candidate, long ballot, long fromSlot) {
        PaxosLog log = node.log;
        List<LogEntry> accepted = log.entries(Math.max(fromSlot, log.snapshotIndex() + 1), log.lastIndex());
        SnapshotMeta snapshot = log.snapshotIndex() >= fromSlot ? log.snapshot() : null;
        if (snapshot != null && candidate != node.self) {
            node.effects.sendSnapshot(candidate);
        }
        return new Promise(ballot, fromSlot, accepted, snapshot);
    }

    private void onAccept(int from, Accept accept) {
        Ballot ballot = Ballot.unpack(accept.ballot());
        if (!admit(from, ballot, accept.ballot())) {
            return;
        }
        if (accept.fromSlot() > acceptedPrefix + 1) {
            node.effects.send(from, new Accepted(accept.ballot(), accept.round(), acceptedPrefix, false));
            return;
        }
        Accept taken = node.rejoin.voting() ? accept : chosenPart(accept);
        write(taken);
        extendPrefix(taken.entries().isEmpty() ? acceptedPrefix : taken.entries().get(taken.entries().size() - 1).index());
        Accepted accepted = new Accepted(accept.ballot(), accept.round(), acceptedPrefix, true);
        if (node.config.flaw() == Flaw.ACCEPTED_EARLY) {
            node.effects.sendEarly(from, accepted);
        } else {
            // An acceptance: it leaves only once the slots it reports are durable, never early.
            node.effects.send(from, accepted);
        }
        node.learner.commitThrough(node.config.flaw() == Flaw.COMMIT_UNMATCHED_SLOTS
            ? accept.leaderCommit() : Math.min(accept.leaderCommit(), acceptedPrefix));
        if (!node.rejoin.voting()) {
            node.rejoin.heardFrom(ballot, accept.horizon(), node.learner.chosenIndex());
        }
    }

    /**
     * While re-learning a damaged log, only the slots the leader reports chosen: storing them is
     * learning, and an acknowledgement of them adds nothing to any quorum (they are chosen already).
     * The slots above are left to the replicas that vote.
     */
    private static Accept chosenPart(Accept accept) {
        List<LogEntry> entries = accept.entries();
        int keep = 0;
        while (keep < entries.size() && entries.get(keep).index() <= accept.leaderCommit()) {
            keep++;
        }
        if (keep == entries.size()) {
            return accept;
        }
        return new Accept(accept.ballot(), accept.horizon(), accept.fromSlot(), entries.subList(0, keep),
            accept.leaderCommit(), accept.round());
    }

    /** Checks the ballot against the promise and follows its leader; false (after a Reject) if too old. */
    private boolean admit(int from, Ballot ballot, long packed) {
        if (ballot.compareTo(node.promised()) < 0 && node.config.flaw() != Flaw.ACCEPT_BELOW_PROMISE) {
            node.effects.send(from, new Reject(packed, node.promised().pack()));
            return false;
        }
        node.promise(ballot);
        leadership.follow(ballot, from);
        if (prefixBallot != packed) {
            prefixBallot = packed;
            acceptedPrefix = node.learner.chosenIndex();
        }
        return true;
    }

    /** Stores the Accept's values for the slots this replica does not hold at that ballot yet. */
    private void write(Accept accept) {
        PaxosLog log = node.log;
        List<LogEntry> batch = accept.entries();
        int first = -1;
        for (int i = 0; i < batch.size(); i++) {
            long slot = batch.get(i).index();
            if (slot > acceptedPrefix && log.term(slot) != accept.ballot()) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return;
        }
        long from = batch.get(first).index();
        long batchEnd = batch.get(batch.size() - 1).index();
        List<LogEntry> suffix = new ArrayList<>(batch.subList(first, batch.size()));
        long keepThrough = batchEnd;
        for (long slot = batchEnd + 1; slot <= log.lastIndex(); slot++) {
            if (slot <= accept.horizon() || log.term(slot) >= accept.ballot()) {
                keepThrough = slot;
            }
        }
        suffix.addAll(log.entries(batchEnd + 1, keepThrough));
        log.replaceFrom(from, suffix);
    }

    private void extendPrefix(long through) {
        acceptedPrefix = Math.max(acceptedPrefix, through);
        // holds(): term() answers -1 beyond the log, which equals prefixBallot before any Accept.
        while (node.log.holds(acceptedPrefix + 1) && node.log.term(acceptedPrefix + 1) == prefixBallot) {
            acceptedPrefix++;
        }
    }

    /**
     * The driver installed a snapshot a peer streamed here, keeping the durable entries above it:
     * the slots up to it are chosen and applied. The leader this replica follows hears at once how
     * far it now holds the log, so that it resumes from there instead of sending the snapshot again.
     */
    void installed(SnapshotMeta snapshot) {
        if (snapshot.index() <= node.learner.chosenIndex()) {
            return;
        }
        node.log.installed(snapshot);
        node.learner.installed(snapshot.index());
        extendPrefix(snapshot.index());
        if (node.leader != CoreStatus.NO_LEADER && node.leader != node.self && prefixBallot >= 0) {
            node.effects.send(node.leader, new Accepted(prefixBallot, 0, acceptedPrefix, true));
        }
    }
}
