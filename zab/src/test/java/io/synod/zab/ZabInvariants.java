package io.synod.zab;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.LogEntry;
import io.synod.quorum.QuorumSystem;
import io.synod.testkit.ClusterView;
import io.synod.testkit.Invariant;
import io.synod.testkit.NodeView;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * ZAB's safety properties (Junqueira, Reed, Serafini, DSN 2011, §III), read after every event
 * from what each simulated peer holds on disk and what the cluster delivered. A zxid here is
 * (epoch, index): the term and index of a log entry.
 *
 * <ul>
 *   <li><b>integrity</b> — a delivered transaction is one a primary broadcast: whatever entry some
 *       disk held under a zxid is the one delivered under it (one value per zxid);</li>
 *   <li><b>total order</b> — delivery follows zxid order: along the delivered log, zxids grow;</li>
 *   <li><b>agreement</b> — no peer's disk contradicts a delivered transaction at or below the
 *       index that peer itself delivered (a committed entry is never truncated away);</li>
 *   <li><b>local primary order</b> — if a primary broadcast v before v', whoever delivers v'
 *       delivered v before it;</li>
 *   <li><b>global primary order</b> — once epoch e broadcast at index f, no transaction of an
 *       older epoch is delivered at f or above;</li>
 *   <li><b>primary integrity</b> — a primary delivers every transaction of older epochs that is
 *       ever delivered before it broadcasts its own first one;</li>
 *   <li><b>committed on a quorum</b> — every delivered transaction was durable, under its zxid,
 *       on a quorum of voters (commit after a quorum of ACKs, each after its fsync).</li>
 * </ul>
 *
 * One instance watches one run; {@link #forRun} makes a fresh one for each.
 */
final class ZabInvariants {

    static final String NAME = "zab";
    static final String INTEGRITY = "integrity";
    static final String TOTAL_ORDER = "total order";
    static final String AGREEMENT = "agreement";
    static final String LOCAL_PRIMARY_ORDER = "local primary order";
    static final String GLOBAL_PRIMARY_ORDER = "global primary order";
    static final String PRIMARY_INTEGRITY = "primary integrity";
    static final String COMMITTED_ON_QUORUM = "committed on a quorum";

    /** What is known of one zxid: its value and which voters held it durably. */
    private static final class Seen {
        final byte[] value;
        final boolean[] heldBy;

        Seen(byte[] value, int nodes) {
            this.value = value;
            this.heldBy = new boolean[nodes + 1];
        }
    }

    private final int nodes;
    private final QuorumSystem quorum;
    private final Map<Long, Map<Long, Seen>> byEpoch = new HashMap<>();
    private final Map<Long, Long> firstBroadcast = new HashMap<>();
    private final List<LogEntry>[] lastLog;
    private long checkedThrough;

    @SuppressWarnings("unchecked")
    private ZabInvariants(int nodes, QuorumSystem quorum) {
        this.nodes = nodes;
        this.quorum = quorum;
        this.lastLog = new List[nodes + 1];
    }

    /** The invariants for {@code nodes} simulated peers of which the first {@code voters} vote. */
    static Invariant forRun(int nodes, int voters) {
        return forRun(nodes, QuorumSystem.majority(IntStream.rangeClosed(1, voters).toArray()));
    }

    /** The invariants for {@code nodes} simulated peers whose voters form {@code quorum}. */
    static Invariant forRun(int nodes, QuorumSystem quorum) {
        return new Invariant() {
            private ClusterView run;
            private ZabInvariants watcher;

            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Optional<String> check(ClusterView view) {
                if (view != run) {
                    run = view;
                    watcher = new ZabInvariants(nodes, quorum);
                }
                return Optional.ofNullable(watcher.check(view));
            }
        };
    }

    static List<Invariant> all(int replicas) {
        return List.of(forRun(replicas, replicas));
    }

    private String check(ClusterView view) {
        for (int id = 1; id <= nodes; id++) {
            String wrong = observe(view.node(id));
            if (wrong != null) {
                return wrong;
            }
        }
        String wrong = delivered(view);
        if (wrong != null) {
            return wrong;
        }
        for (int id = 1; id <= nodes; id++) {
            wrong = agreement(view, view.node(id));
            if (wrong != null) {
                return wrong;
            }
        }
        return null;
    }

    private Seen seen(long epoch, long index) {
        Map<Long, Seen> ofEpoch = byEpoch.get(epoch);
        return ofEpoch == null ? null : ofEpoch.get(index);
    }

    /** Takes in a peer's durable log: who holds which zxid; a primary's first broadcast. */
    private String observe(NodeView node) {
        List<LogEntry> log = node.durableLog();
        List<LogEntry> before = lastLog[node.id()];
        if (before != null && sameEntries(log, before)) {
            return null;
        }
        lastLog[node.id()] = List.copyOf(log);
        CoreStatus status = node.status();
        boolean leading = status != null && status.isLeader() && "leading".equals(status.role());
        for (LogEntry e : log) {
            Seen s = seen(e.term(), e.index());
            if (s == null) {
                s = new Seen(e.data(), nodes);
                byEpoch.computeIfAbsent(e.term(), k -> new HashMap<>()).put(e.index(), s);
            } else if (!Arrays.equals(s.value, e.data())) {
                return INTEGRITY + ": two transactions under zxid (" + e.term() + ", " + e.index() + "): node " + node.id()
                    + " holds " + text(e.data()) + ", another held " + text(s.value);
            }
            s.heldBy[node.id()] = true;
            if (leading && e.term() == status.term() && !firstBroadcast.containsKey(e.term())) {
                firstBroadcast.put(e.term(), e.index());
                if (node.committedIndex() < e.index() - 1) {
                    return PRIMARY_INTEGRITY + ": leader " + node.id() + " of epoch " + e.term() + " broadcast at index " + e.index()
                        + " having delivered only through " + node.committedIndex();
                }
            }
        }
        return null;
    }

    private static boolean sameEntries(List<LogEntry> a, List<LogEntry> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = a.size() - 1; i >= 0; i--) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Checks each newly delivered index against what disks held and what came before it. */
    private String delivered(ClusterView view) {
        long highest = view.highestChosen();
        for (long i = checkedThrough + 1; i <= highest; i++) {
            LogEntry e = view.chosen(i);
            if (e == null) {
                continue; // nobody delivered it one by one (snapshot installs skip indexes)
            }
            Seen s = seen(e.term(), e.index());
            if (s == null) {
                s = new Seen(e.data(), nodes);
                byEpoch.computeIfAbsent(e.term(), k -> new HashMap<>()).put(e.index(), s);
            } else if (!Arrays.equals(s.value, e.data())) {
                return INTEGRITY + ": index " + i + " delivered as " + text(e.data()) + " under epoch " + e.term()
                    + " but the primary of that epoch broadcast " + text(s.value);
            }
            boolean[] heldBy = s.heldBy;
            int[] holders = IntStream.rangeClosed(1, nodes).filter(n -> heldBy[n] && quorum.isMember(n)).toArray();
            if (!quorum.isPhase2Quorum(holders)) {
                return COMMITTED_ON_QUORUM + ": index " + i + " (epoch " + e.term() + ", " + text(e.data())
                    + ") was delivered but only voters " + Arrays.toString(holders) + " ever held it on disk";
            }
            LogEntry previous = i > 1 ? view.chosen(i - 1) : null;
            if (previous != null) {
                if (previous.term() > e.term()) {
                    return TOTAL_ORDER + ": index " + (i - 1) + " of epoch " + previous.term() + " delivered before index " + i
                        + " of older epoch " + e.term();
                }
                Seen sameEpochBefore = seen(e.term(), i - 1);
                Long first = firstBroadcast.get(e.term());
                if (sameEpochBefore != null && first != null && i - 1 >= first && previous.term() != e.term()) {
                    return LOCAL_PRIMARY_ORDER + ": epoch " + e.term() + " broadcast index " + (i - 1) + " before index " + i
                        + ", but index " + (i - 1) + " was delivered from epoch " + previous.term();
                }
            }
            for (Map.Entry<Long, Long> b : firstBroadcast.entrySet()) {
                if (b.getKey() > e.term() && i >= b.getValue()) {
                    return GLOBAL_PRIMARY_ORDER + ": index " + i + " of epoch " + e.term() + " delivered at or after index "
                        + b.getValue() + ", where epoch " + b.getKey() + " had begun broadcasting";
                }
            }
        }
        checkedThrough = Math.max(checkedThrough, highest);
        return null;
    }

    /** No disk holds, at or below what that peer delivered, anything but the delivered entry. */
    private String agreement(ClusterView view, NodeView node) {
        if (!node.isUp()) {
            return null;
        }
        long through = node.committedIndex();
        for (LogEntry e : node.durableLog()) {
            if (e.index() > through) {
                break;
            }
            LogEntry chosen = view.chosen(e.index());
            if (chosen != null && (chosen.term() != e.term() || !Arrays.equals(chosen.data(), e.data()))) {
                return AGREEMENT + ": node " + node.id() + " delivered through " + through + " but holds (" + e.term() + ", "
                    + text(e.data()) + ") at index " + e.index() + " where (" + chosen.term() + ", " + text(chosen.data())
                    + ") was delivered";
            }
        }
        return null;
    }

    /** A value as a reader wants it in a report: the commands of the batch, or "no-op". */
    static String text(byte[] value) {
        try {
            List<Command> commands = CommandBatch.decode(value);
            if (commands.isEmpty()) {
                return "no-op";
            }
            StringBuilder out = new StringBuilder("[");
            for (Command c : commands) {
                out.append(out.length() > 1 ? ", " : "").append('c').append(c.clientId()).append('#').append(c.sequence());
            }
            return out.append(']').toString();
        } catch (IllegalArgumentException e) {
            return value.length + " bytes that are not a command batch";
        }
    }
}
