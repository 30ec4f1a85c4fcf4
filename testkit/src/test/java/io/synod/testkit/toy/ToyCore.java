package io.synod.testkit.toy;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.LogReader;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.SnapshotMeta;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/** The core of {@link ToyPrimaryBackup}: term t is led by member (t - 1) mod n. */
final class ToyCore implements ProtocolCore {

    private static final int BATCH = 64;

    private final int self;
    private final int[] members;
    /** Members and observers: everyone the primary replicates to. Observers never lead nor count. */
    private final int[] learners;
    private final boolean voter;
    private final RandomGenerator random;
    private final boolean majority;
    private final boolean failover;
    private final boolean staleReads;
    private final Vouch vouch;
    private final LogReader durable;
    private final Effects fx;
    /**
     * With a {@link Vouch}, the last index this node's log held when it stored its hard state: like
     * ZAB's currentEpoch, a claim about the history on disk. Stored after the log, it never exceeds
     * what the durable log holds; stored before it, a crash between the two leaves it vouching for
     * entries the disk lost, which the constructor refuses.
     */
    private long vouched;

    /** Whether and when the hard state vouches for the log. */
    enum Vouch { NONE, AFTER_LOG, BEFORE_LOG }
    private long term;
    private SnapshotMeta snapshot;
    private long snapIndex;
    private long snapTerm;
    private final ArrayList<LogEntry> log;
    private long commitIndex;
    private long handedOut;
    private final long[] match;
    private final long[] next;
    private int silentTicks;
    private int electionTimeout;

    ToyCore(ProtocolContext ctx, boolean majority, boolean failover, boolean staleReads, boolean observersLearn, Vouch vouch) {
        this.self = ctx.self();
        this.vouch = vouch;
        this.durable = ctx.log();
        this.members = ctx.members();
        Arrays.sort(members);
        this.learners = observersLearn
            ? java.util.stream.IntStream.concat(Arrays.stream(members), Arrays.stream(ctx.observers())).toArray()
            : members.clone();
        this.voter = ctx.isMember();
        this.random = ctx.random();
        this.majority = majority;
        this.failover = failover;
        this.staleReads = staleReads;
        this.fx = new Effects(self);
        byte[] hard = ctx.recovered().hardState();
        this.term = hard.length == 16 ? ByteBuffer.wrap(hard).getLong(0) : 1;
        this.vouched = hard.length == 16 ? ByteBuffer.wrap(hard).getLong(8) : 0;
        this.snapshot = ctx.recovered().snapshot();
        this.snapIndex = snapshot == null ? 0 : snapshot.index();
        this.snapTerm = snapshot == null ? 0 : snapshot.term();
        this.log = new ArrayList<>(ctx.recovered().log());
        this.commitIndex = snapIndex;
        this.handedOut = snapIndex;
        int maxId = Arrays.stream(learners).max().orElse(0);
        this.match = new long[maxId + 1];
        this.next = new long[maxId + 1];
        this.electionTimeout = 10 + random.nextInt(10);
        if (vouch != Vouch.NONE && vouched > lastIndex()) {
            throw new IllegalStateException("node " + self + "'s hard state vouches for a log through index " + vouched
                + " but the log ends at " + lastIndex() + ": the hard state was stored before the log it vouches for");
        }
        checkDurableLog();
        if (isLeader()) {
            lead();
        }
    }

    /**
     * What the driver shows as the durable log ({@code ProtocolContext.log()}) is exactly what
     * earlier Readys persisted: between inputs, this node's own view of its log. Only once the
     * driver carried out everything asked: it may feed another input first (the runtime proposes
     * its own session commands right after a tick), and then the log is ahead of the disk.
     */
    private void checkDurableLog() {
        if (hasReady()) {
            return;
        }
        if (durable.lastIndex() != lastIndex()) {
            throw new IllegalStateException("node " + self + ": the durable log ends at " + durable.lastIndex()
                + " but the Readys so far left it at " + lastIndex());
        }
        long from = Math.max(durable.firstIndex(), snapIndex + 1);
        if (from <= lastIndex() && !durable.entries(from, lastIndex() + 1, Long.MAX_VALUE).equals(log.subList((int) (from - snapIndex - 1), log.size()))) {
            throw new IllegalStateException("node " + self + ": the durable log from " + from + " differs from what the Readys wrote");
        }
    }

    private int leaderOf(long t) {
        return members[(int) ((t - 1) % members.length)];
    }

    private boolean isLeader() {
        return leaderOf(term) == self;
    }

    private long lastIndex() {
        return snapIndex + log.size();
    }

    private long termAt(long index) {
        if (index == snapIndex) {
            return snapTerm;
        }
        if (index < snapIndex || index > lastIndex()) {
            return -1;
        }
        return log.get((int) (index - snapIndex - 1)).term();
    }

    private LogEntry entry(long index) {
        return log.get((int) (index - snapIndex - 1));
    }

    private void lead() {
        Arrays.fill(match, 0);
        Arrays.fill(next, lastIndex() + 1);
        match[self] = lastIndex();
    }

    @Override
    public void propose(Command command) {
        checkDurableLog();
        if (!isLeader()) {
            fx.reply(new ClientReply.Rejected(command.clientId(), command.sequence(), ClientReply.Reason.NOT_LEADER, leaderOf(term)));
            return;
        }
        LogEntry e = new LogEntry(lastIndex() + 1, term, CommandBatch.encode(command));
        log.add(e);
        fx.append(e);
        // The entry is durable before any message of this batch leaves, hence before any ack.
        match[self] = e.index();
        for (int f : learners) {
            if (f != self && next[f] == e.index()) {
                fx.send(f, new ToyMessage.Append(term, e.index() - 1, termAt(e.index() - 1), List.of(e), commitIndex));
                next[f] = e.index() + 1;
            }
        }
        advanceCommit();
    }

    @Override
    public void read(long readId) {
        checkDurableLog();
        if (!isLeader() && staleReads) {
            fx.reply(new ClientReply.ReadReady(readId, commitIndex));
            return;
        }
        if (!isLeader()) {
            fx.reply(new ClientReply.ReadRejected(readId, ClientReply.Reason.NOT_LEADER, leaderOf(term)));
            return;
        }
        // Every acknowledged write is in the primary's durable log: waiting for all of it is safe.
        fx.reply(new ClientReply.ReadReady(readId, lastIndex()));
    }

    @Override
    public void tick() {
        checkDurableLog();
        if (isLeader()) {
            for (int f : learners) {
                if (f != self) {
                    next[f] = match[f] + 1;
                    sendAppend(f);
                }
            }
        } else if (failover && voter && ++silentTicks > electionTimeout) {
            long t = term + 1;
            while (leaderOf(t) != self) {
                t++;
            }
            adopt(t);
            lead();
            silentTicks = 0;
        }
    }

    private void adopt(long newTerm) {
        term = newTerm;
        fx.persistHardState(hardState());
    }

    private byte[] hardState() {
        return ByteBuffer.allocate(16).putLong(term).putLong(vouched).array();
    }

    private void sendAppend(int f) {
        if (next[f] <= snapIndex) {
            fx.sendSnapshot(f);
            return;
        }
        List<LogEntry> entries = new ArrayList<>();
        for (long i = next[f]; i <= lastIndex() && entries.size() < BATCH; i++) {
            entries.add(entry(i));
        }
        fx.send(f, new ToyMessage.Append(term, next[f] - 1, termAt(next[f] - 1), entries, commitIndex));
        next[f] += entries.size();
    }

    @Override
    public void step(Envelope envelope) {
        checkDurableLog();
        int from = envelope.from();
        if (envelope.message() instanceof ToyMessage.Append a) {
            onAppend(from, a);
        } else if (envelope.message() instanceof ToyMessage.Ack a) {
            if (a.term() > term) {
                adopt(a.term());
            } else if (a.term() == term && isLeader()) {
                match[from] = Math.max(match[from], a.index());
                next[from] = Math.max(next[from], match[from] + 1);
                advanceCommit();
            }
        } else if (envelope.message() instanceof ToyMessage.Nack n) {
            if (n.term() > term) {
                adopt(n.term());
            } else if (n.term() == term && isLeader()) {
                next[from] = Math.max(1, Math.min(next[from], n.index() + 1));
                sendAppend(from);
            }
        } else {
            throw new IllegalArgumentException("node " + self + " got a message it does not know: " + envelope.message());
        }
    }

    private boolean current(int from, long msgTerm) {
        if (msgTerm < term) {
            fx.send(from, new ToyMessage.Nack(term, lastIndex()));
            return false;
        }
        if (msgTerm > term) {
            adopt(msgTerm);
        }
        silentTicks = 0;
        return true;
    }

    private void onAppend(int from, ToyMessage.Append a) {
        if (!current(from, a.term())) {
            return;
        }
        if (a.prevIndex() > lastIndex()) {
            fx.send(from, new ToyMessage.Nack(term, lastIndex()));
            return;
        }
        if (a.prevIndex() >= snapIndex && termAt(a.prevIndex()) != a.prevTerm()) {
            fx.send(from, new ToyMessage.Nack(term, Math.max(snapIndex, a.prevIndex() - 1)));
            return;
        }
        for (LogEntry e : a.entries()) {
            if (e.index() <= snapIndex || (e.index() <= lastIndex() && termAt(e.index()) == e.term())) {
                continue;
            }
            if (e.index() <= lastIndex()) {
                log.subList((int) (e.index() - snapIndex - 1), log.size()).clear();
                fx.truncateFrom(e.index());
            }
            log.add(e);
            fx.append(e);
        }
        long matched = a.prevIndex() + a.entries().size();
        commitTo(Math.min(a.commitIndex(), matched));
        fx.send(from, new ToyMessage.Ack(term, matched));
    }

    /** A snapshot the leader's driver streamed here is installed: drop the log below and above it (Raft's rule), tell the leader. */
    @Override
    public void snapshotInstalled(SnapshotMeta snap) {
        if (snap.index() <= handedOut) {
            return;
        }
        if (lastIndex() > snap.index()) {
            fx.truncateFrom(snap.index() + 1);
        }
        snapshot = snap;
        snapIndex = snap.index();
        snapTerm = snap.term();
        log.clear();
        commitIndex = handedOut = snapIndex;
        if (!isLeader()) {
            fx.send(leaderOf(term), new ToyMessage.Ack(term, snap.index()));
        }
    }

    /** The backup confirmed it holds the state through the snapshot: resume it after that. */
    @Override
    public void snapshotSent(int peer, SnapshotMeta snap) {
        if (isLeader()) {
            match[peer] = Math.max(match[peer], Math.min(snap.index(), lastIndex()));
            next[peer] = Math.max(next[peer], snap.index() + 1);
        }
    }

    private void advanceCommit() {
        long[] acked = new long[members.length];
        for (int i = 0; i < members.length; i++) {
            acked[i] = members[i] == self ? lastIndex() : match[members[i]];
        }
        Arrays.sort(acked);
        int needed = majority ? members.length / 2 + 1 : 1;
        long n = acked[members.length - needed];
        if (n > commitIndex && termAt(n) == term) {
            commitTo(n);
        }
    }

    private void commitTo(long index) {
        if (index <= commitIndex) {
            return;
        }
        commitIndex = index;
        while (handedOut < commitIndex) {
            handedOut++;
            fx.commit(entry(handedOut));
        }
    }

    @Override
    public void compacted(SnapshotMeta taken) {
        if (taken.index() <= snapIndex) {
            return;
        }
        long drop = Math.min(taken.index(), lastIndex()) - snapIndex;
        log.subList(0, (int) drop).clear();
        snapIndex = taken.index();
        snapTerm = taken.term();
        snapshot = taken;
    }

    @Override
    public boolean hasReady() {
        return fx.hasPending() || vouch != Vouch.NONE && lastIndex() != vouched;
    }

    @Override
    public Ready ready() {
        if (vouch != Vouch.NONE && lastIndex() != vouched) {
            vouched = lastIndex();
            if (vouch == Vouch.AFTER_LOG) {
                fx.persistHardStateAfterLog(hardState());
            } else {
                fx.persistHardState(hardState());
            }
        }
        return fx.drain();
    }

    @Override
    public CoreStatus status() {
        return new CoreStatus(self, isLeader() ? "primary" : "backup", leaderOf(term), term, commitIndex);
    }
}
