package io.synod.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The sink a protocol core (or each of its roles) writes its effects into; {@link #drain()}
 * turns what has gathered into one {@link Ready}. A core owns one {@code Effects} and hands it
 * to its roles, so that roles composed on one node share a batch and its single fsync.
 *
 * <p>Not thread-safe: it lives inside a single-threaded core.
 */
public final class Effects {

    private final int self;
    private byte[] hardState;
    private boolean hardStateAfterLog;
    private long truncateFrom;
    private List<LogEntry> entries = new ArrayList<>();
    private List<Envelope> earlyMessages = new ArrayList<>();
    private List<Envelope> messages = new ArrayList<>();
    private List<Integer> snapshotRecipients = new ArrayList<>();
    private List<LogEntry> committed = new ArrayList<>();
    private List<ClientReply> replies = new ArrayList<>();

    public Effects(int self) {
        this.self = self;
    }

    /** The node these effects belong to. */
    public int self() {
        return self;
    }

    /** Sends {@code message} to {@code to} once this batch is durable. */
    public void send(int to, Message message) {
        messages.add(new Envelope(self, to, message));
    }

    /** Sends {@code message} to each of {@code to} (which may include this node). */
    public void send(int[] to, Message message) {
        for (int node : to) {
            send(node, message);
        }
    }

    /**
     * Sends {@code message} to {@code to} as an early message: it may leave before or while this
     * batch is persisted (see {@link Ready#earlyMessages()}). Only for messages that report
     * nothing the batch persists — never a promise, acceptance, vote or acknowledgement.
     */
    public void sendEarly(int to, Message message) {
        earlyMessages.add(new Envelope(self, to, message));
    }

    /** Sends {@code message} early (see {@link #sendEarly(int, Message)}) to each of {@code to}. */
    public void sendEarly(int[] to, Message message) {
        for (int node : to) {
            sendEarly(node, message);
        }
    }

    /**
     * Replaces the durable state stored with this batch, before its log changes (the default
     * order); the last call of this or {@link #persistHardStateAfterLog} in a batch wins, order included.
     */
    public void persistHardState(byte[] state) {
        this.hardState = state;
        this.hardStateAfterLog = false;
    }

    /**
     * Replaces the durable state stored with this batch, but only once the batch's log changes
     * are durable: for a hard state that vouches for the log, such as ZAB's currentEpoch, which a
     * follower may store only after the history it acknowledges (ZOOKEEPER-4643). A crash between
     * the two steps leaves the new log with the old hard state, never the reverse.
     */
    public void persistHardStateAfterLog(byte[] state) {
        this.hardState = state;
        this.hardStateAfterLog = true;
    }

    /** Appends an entry to the log. An append at or below an earlier append in the batch replaces the tail. */
    public void append(LogEntry entry) {
        int last = entries.size() - 1;
        if (last >= 0 && entry.index() <= entries.get(last).index()) {
            long first = entries.get(0).index();
            if (entry.index() >= first) {
                entries.subList((int) (entry.index() - first), entries.size()).clear();
            } else {
                entries.clear();
                truncateFrom(entry.index());
            }
        }
        entries.add(entry);
    }

    /** Discards the log from {@code index} on, before this batch's appends. */
    public void truncateFrom(long index) {
        if (index < 1) {
            throw new IllegalArgumentException("truncate index must be >= 1, was " + index);
        }
        entries.removeIf(e -> e.index() >= index);
        truncateFrom = truncateFrom > 0 ? Math.min(truncateFrom, index) : index;
    }

    /**
     * Asks the driver to send this node's newest snapshot to {@code peer} once this batch is
     * durable. The driver streams it in chunks outside the core's messages, installs it at the
     * peer and tells that peer's core ({@link ProtocolCore#snapshotInstalled}); asking again while
     * a transfer to that peer runs does nothing. A core asks when a peer needs entries it has
     * compacted away.
     */
    public void sendSnapshot(int peer) {
        if (!snapshotRecipients.contains(peer)) {
            snapshotRecipients.add(peer);
        }
    }

    /** Hands a chosen entry to the state machine; entries must be committed in index order. */
    public void commit(LogEntry entry) {
        committed.add(entry);
    }

    /** Answers a client request. */
    public void reply(ClientReply reply) {
        replies.add(reply);
    }

    /** True when something has gathered since the last {@link #drain()}. */
    public boolean hasPending() {
        return hardState != null || truncateFrom > 0 || !entries.isEmpty() || !earlyMessages.isEmpty()
            || !messages.isEmpty() || !snapshotRecipients.isEmpty() || !committed.isEmpty() || !replies.isEmpty();
    }

    /** Returns what has gathered as one Ready and starts a new batch. */
    public Ready drain() {
        if (!hasPending()) {
            return Ready.EMPTY;
        }
        Ready ready = new Ready(hardState, hardStateAfterLog, truncateFrom, entries, earlyMessages, messages,
            snapshotRecipients, committed, replies);
        hardState = null;
        hardStateAfterLog = false;
        truncateFrom = 0;
        entries = new ArrayList<>();
        earlyMessages = new ArrayList<>();
        messages = new ArrayList<>();
        snapshotRecipients = new ArrayList<>();
        committed = new ArrayList<>();
        replies = new ArrayList<>();
        return ready;
    }
}
