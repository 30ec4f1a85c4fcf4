package io.synod.runtime;

import io.synod.api.ClientReply;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Ready;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out the Readys a core cuts, in the order they were cut, while their fsyncs may run on
 * another thread ({@link Persister}). The replica thread goes on feeding the core meanwhile, so a
 * core may cut a Ready before the previous one is durable; what the pipeline lets through keeps
 * every promise the Ready contract makes to peers and clients:
 *
 * <ul>
 *   <li><b>One group in flight.</b> Readys cut while a group persists wait in the next group,
 *       which starts only when the one before it is finished. A peer therefore sees messages in
 *       the order they were cut, and sees nothing of a Ready before every earlier batch is
 *       durable: the core's belief that an earlier batch was durable when it cut a later Ready is
 *       true by the time any of that Ready's messages leaves.</li>
 *   <li><b>Early messages of a group's first Ready only.</b> Those of a Ready merged into a
 *       waiting group leave with its messages, after the group's persist: they may report what
 *       the Readys before them in the group persist.</li>
 *   <li><b>Apply what is durable.</b> A committed entry is applied, and its client answered, as
 *       soon as this node's own copy of it is durable, even while a later batch persists: a core
 *       counts its own acceptance once it cuts a later Ready, so "committed" is only trusted up to
 *       the last index the completed persists cover ({@link #durableThrough}), and never past a
 *       truncation still to be persisted. Entries are applied in the order they were committed.</li>
 *   <li><b>The durable log as the core last saw it.</b> Before a core reads its log
 *       ({@code ProtocolContext.log()}), every cut Ready is persisted ({@link #persistAll}).</li>
 * </ul>
 *
 * <p>With an {@link InlinePersister} every group is durable as it starts and finished at once:
 * the Ready contract to the letter. Used by the replica thread only.
 */
final class ReadyPipeline implements AutoCloseable {

    /** What carrying out a Ready does on the replica thread. */
    interface Hands {
        void send(Envelope envelope);

        void sendSnapshot(int peer);

        /** Applies one committed entry to the state machine and answers its client. */
        void apply(LogEntry entry);

        /** After a Ready's (or an early run of) committed entries were applied. */
        void afterApplying();

        void answer(ClientReply reply);

        /** After a Ready was finished, or entries applied early: reads waiting for them are served. */
        void serveReads();
    }

    /** Readys that persist together, and whose early messages (but the first's) wait for that. */
    private static final class Group {
        final List<Ready> readies = new ArrayList<>(2);
        /** The core's status as each Ready was cut: what it says is true once that Ready is carried out. */
        final List<CoreStatus> statuses = new ArrayList<>(2);
        boolean mustPersist;
        long lowestTruncation = Long.MAX_VALUE;
        /** The log's last index once the group is persisted. */
        long lastIndex;
        boolean started;
        long ticket;
        boolean durable;
        /** The next committed entry to apply: Ready {@code applyReady}, its entry {@code applyEntry}. */
        int applyReady;
        int applyEntry;
    }

    private final ArrayDeque<Group> groups = new ArrayDeque<>();
    private final Persister persister;
    private final Hands hands;
    /** The highest index up to which this node's log is durable and no cut Ready rewrites it. */
    private long durableThrough;
    /** The log's last index as the cut Readys leave it. */
    private long lastIndex;
    /** The core's status as the last Ready carried out was cut. */
    private CoreStatus carriedOut;

    ReadyPipeline(Persister persister, Hands hands, long lastIndex) {
        this.persister = persister;
        this.hands = hands;
        this.durableThrough = lastIndex;
        this.lastIndex = lastIndex;
    }

    /** Takes a Ready just cut, and the core's status right after; {@link #advance} carries it out. */
    void add(Ready ready, CoreStatus status) {
        if (ready.truncateFrom() > 0) {
            lastIndex = ready.truncateFrom() - 1;
            durableThrough = Math.min(durableThrough, lastIndex);
        }
        if (!ready.entries().isEmpty()) {
            lastIndex = ready.entries().get(ready.entries().size() - 1).index();
        }
        Group tail = groups.peekLast();
        if (tail == null || tail.started || tail.durable) {
            tail = new Group();
            groups.addLast(tail);
        }
        tail.readies.add(ready);
        tail.statuses.add(status);
        tail.mustPersist |= ready.mustPersist();
        if (ready.truncateFrom() > 0) {
            tail.lowestTruncation = Math.min(tail.lowestTruncation, ready.truncateFrom());
        }
        tail.lastIndex = lastIndex;
    }

    /** Starts, finishes and applies what it can without waiting; returns how much it did. */
    int advance() {
        int work = 0;
        Group head;
        while ((head = groups.peekFirst()) != null) {
            if (!head.started) {
                start(head);
                work++;
            }
            if (!head.durable) {
                if (!persister.done(head.ticket)) {
                    break;
                }
                persisted(head);
            }
            finish(head);
            groups.pollFirst();
            work++;
        }
        return work + applyDurable();
    }

    /** True while a group's persist runs; a leader then gathers requests for the next batch. */
    boolean persisting() {
        Group head = groups.peekFirst();
        return head != null && head.started && !head.durable && !persister.done(head.ticket);
    }

    /** Waits until no persist runs, so that the replica thread may use the log store itself. */
    void awaitPersisted() {
        Group head = groups.peekFirst();
        if (head != null && head.started && !head.durable) {
            persister.await(head.ticket);
            persisted(head);
        }
    }

    /** Persists every Ready cut so far (their messages still wait their turn): the log is then as the core believes it. */
    void persistAll() {
        for (Group g : groups) {
            if (g.durable) {
                continue;
            }
            if (g.ticket == 0 && g.mustPersist) {
                g.ticket = persister.submit(g.readies);
            }
            if (g.ticket != 0) {
                persister.await(g.ticket);
            }
            persisted(g);
        }
    }

    /** Carries out every Ready cut so far, waiting for their persists. */
    void drain() {
        while (true) {
            advance();
            Group head = groups.peekFirst();
            if (head == null) {
                return;
            }
            persister.await(head.ticket);
        }
    }

    /**
     * The core's status as the last Ready carried out was cut (null before the first): what a
     * replica reports while later Readys are in the pipeline, so that it never claims a role or a
     * commit index whose batch is not yet durable and applied.
     */
    CoreStatus carriedOutStatus() {
        return carriedOut;
    }

    /** True when every Ready cut was carried out. */
    boolean isEmpty() {
        return groups.isEmpty();
    }

    @Override
    public void close() {
        persister.close();
    }

    private void start(Group g) {
        g.started = true;
        for (Envelope envelope : g.readies.get(0).earlyMessages()) {
            hands.send(envelope);
        }
        if (g.durable) {
            return;
        }
        if (g.mustPersist) {
            g.ticket = persister.submit(g.readies);
        } else {
            persisted(g);
        }
    }

    private void persisted(Group g) {
        g.durable = true;
        long through = g.lastIndex;
        for (Group later : groups) {
            if (!later.durable && later.lowestTruncation != Long.MAX_VALUE) {
                through = Math.min(through, later.lowestTruncation - 1);
            }
        }
        durableThrough = through;
    }

    private void finish(Group g) {
        for (int i = 0; i < g.readies.size(); i++) {
            Ready ready = g.readies.get(i);
            if (i > 0) {
                for (Envelope envelope : ready.earlyMessages()) {
                    hands.send(envelope);
                }
            }
            for (Envelope envelope : ready.messages()) {
                hands.send(envelope);
            }
            for (int peer : ready.snapshotRecipients()) {
                hands.sendSnapshot(peer);
            }
            if (g.applyReady == i) {
                List<LogEntry> committed = ready.committed();
                for (int e = g.applyEntry; e < committed.size(); e++) {
                    hands.apply(committed.get(e));
                }
                g.applyReady = i + 1;
                g.applyEntry = 0;
                if (!committed.isEmpty()) {
                    hands.afterApplying();
                }
            }
            for (ClientReply reply : ready.replies()) {
                hands.answer(reply);
            }
            hands.serveReads();
            carriedOut = g.statuses.get(i);
        }
    }

    /** Applies, in order, the committed entries whose own copy here is durable; returns how many. */
    private int applyDurable() {
        int applied = 0;
        outer:
        for (Group g : groups) {
            while (g.applyReady < g.readies.size()) {
                List<LogEntry> committed = g.readies.get(g.applyReady).committed();
                while (g.applyEntry < committed.size()) {
                    LogEntry entry = committed.get(g.applyEntry);
                    if (entry.index() > durableThrough) {
                        break outer;
                    }
                    hands.apply(entry);
                    g.applyEntry++;
                    applied++;
                }
                g.applyReady++;
                g.applyEntry = 0;
            }
        }
        if (applied > 0) {
            hands.afterApplying();
            hands.serveReads();
        }
        return applied;
    }
}
