package io.synod.api.commit;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * The sink a commit core (or each of its roles) writes its effects into; {@link #drain()} turns
 * what has gathered into one {@link CommitReady}. A coordinator and a participant composed on one
 * node share one, so that their records go to disk in one batch before any of their messages leave.
 * It numbers records on from the record log's last index, so a core knows which index to
 * {@link #release} once the transactions a record speaks of are finished.
 *
 * <p>Not thread-safe: it lives inside a single-threaded core.
 */
public final class CommitEffects {

    private final int self;
    private long lastRecord;
    private byte[] hardState;
    private List<LogEntry> records = new ArrayList<>();
    private long releaseThrough;
    private List<Envelope> messages = new ArrayList<>();
    private List<ResourceCall> resourceCalls = new ArrayList<>();
    private List<Outcome> outcomes = new ArrayList<>();

    /**
     * @param self       the node these effects belong to
     * @param lastRecord the last index of the node's record log at start (0 if empty)
     */
    public CommitEffects(int self, long lastRecord) {
        if (lastRecord < 0) {
            throw new IllegalArgumentException("the last record index must be >= 0, was " + lastRecord);
        }
        this.self = self;
        this.lastRecord = lastRecord;
    }

    public int self() {
        return self;
    }

    /** Appends a record to durable storage with this batch; returns its index. */
    public long record(byte[] data) {
        records.add(new LogEntry(++lastRecord, 0, data));
        return lastRecord;
    }

    /** The index of the last record appended (in this batch or before). */
    public long lastRecord() {
        return lastRecord;
    }

    /** Records at or below {@code throughIndex} are no longer needed; the highest call in a batch wins. */
    public void release(long throughIndex) {
        if (throughIndex > lastRecord) {
            throw new IllegalArgumentException("cannot release through " + throughIndex + ", past the last record " + lastRecord);
        }
        releaseThrough = Math.max(releaseThrough, throughIndex);
    }

    /** Replaces the durable state stored with this batch; the last call in a batch wins. */
    public void persistHardState(byte[] state) {
        this.hardState = state;
    }

    /** Sends {@code message} to {@code to} once this batch is durable. */
    public void send(int to, Message message) {
        messages.add(new Envelope(self, to, message));
    }

    /** Sends {@code message} to each of {@code to}. */
    public void send(int[] to, Message message) {
        for (int node : to) {
            send(node, message);
        }
    }

    /** Asks the driver to have this node's resource vote on its part of {@code transaction}. */
    public void prepare(TransactionId transaction, byte[] part) {
        resourceCalls.add(new ResourceCall.Prepare(transaction, part));
    }

    /** After a restart: asks the driver to have the resource hold again what its yes on {@code transaction} promised. */
    public void restore(TransactionId transaction, byte[] part) {
        resourceCalls.add(new ResourceCall.Restore(transaction, part));
    }

    /** Tells this node's resource the transaction committed (after this batch is durable). */
    public void commit(TransactionId transaction) {
        resourceCalls.add(new ResourceCall.Commit(transaction));
    }

    /** Tells this node's resource the transaction aborted (after this batch is durable). */
    public void abort(TransactionId transaction) {
        resourceCalls.add(new ResourceCall.Abort(transaction));
    }

    /** Reports the outcome of a transaction this node coordinates to its caller. */
    public void outcome(Outcome outcome) {
        outcomes.add(outcome);
    }

    /** True when something has gathered since the last {@link #drain()}. */
    public boolean hasPending() {
        return hardState != null || !records.isEmpty() || releaseThrough > 0 || !messages.isEmpty()
            || !resourceCalls.isEmpty() || !outcomes.isEmpty();
    }

    /** Returns what has gathered as one batch and starts a new one. */
    public CommitReady drain() {
        if (!hasPending()) {
            return CommitReady.EMPTY;
        }
        CommitReady ready = new CommitReady(hardState, records, releaseThrough, messages, resourceCalls, outcomes);
        hardState = null;
        records = new ArrayList<>();
        releaseThrough = 0;
        messages = new ArrayList<>();
        resourceCalls = new ArrayList<>();
        outcomes = new ArrayList<>();
        return ready;
    }
}
