package io.synod.paxos.multi;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.protocol.Ballot;
import io.synod.quorum.QuorumSystem;
import io.synod.testkit.ClusterView;
import io.synod.testkit.Invariant;
import io.synod.testkit.NodeView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The Paxos safety properties of Multi-Paxos, read from what each simulated replica holds on
 * disk (its promise and its accepted (slot, ballot, value) entries) after
 * every event. Durable state is what counts: an acceptance that was never synced was never
 * acknowledged, and one that was synced can only be lost by a bug.
 *
 * <ul>
 *   <li><b>no acceptance below the promise</b> — a replica accepts (slot, b) only if b is at least
 *       the ballot it had promised before;</li>
 *   <li><b>one value per ballot</b> — all replicas that accepted slot s at ballot b accepted the
 *       same value (a leader proposes once per slot and ballot);</li>
 *   <li><b>chosen stays chosen</b> — once a phase-2 quorum accepted (s, b, v), every acceptance of s
 *       at a ballot above b carries v (P2b of "Paxos Made Simple");</li>
 *   <li><b>committed means chosen</b> — every entry some replica commits was accepted by a phase-2
 *       quorum with that value (a learner learns only from a quorum);</li>
 *   <li><b>promises never go back</b> — a replica's durable promise only grows;</li>
 *   <li><b>ballots in use rest on durable promises</b> — once any replica accepted a value at
 *       ballot b, a phase-1 quorum has promised at least b <em>on disk</em>: a leader may count a
 *       promise only after the acceptor stored it, and stored promises never go back.</li>
 * </ul>
 *
 * One instance watches one run: it keeps what it has seen, so make a fresh one per run
 * ({@link #forRun(int)} does).
 */
final class PaxosInvariants {

    /** The properties, as each report of a breach begins (after the invariant's name, "paxos"). */
    static final String NO_ACCEPTANCE_BELOW_PROMISE = "no acceptance below the promise";
    static final String ONE_VALUE_PER_BALLOT = "one value per ballot";
    static final String CHOSEN_STAYS_CHOSEN = "chosen stays chosen";
    static final String COMMITTED_MEANS_CHOSEN = "committed means chosen";
    static final String PROMISES_NEVER_GO_BACK = "promises never go back";
    static final String BALLOTS_REST_ON_DURABLE_PROMISES = "ballots rest on durable promises";

    /** Who accepted one (slot, ballot), and with what value. */
    private static final class Acceptance {
        final long ballot;
        final byte[] value;
        final boolean[] by;
        int count;
        boolean chosen;

        Acceptance(long ballot, byte[] value, int nodes) {
            this.ballot = ballot;
            this.value = value;
            this.by = new boolean[nodes + 1];
        }
    }

    /** What one node held on disk at the last check. */
    private static final class Seen {
        List<LogEntry> log = List.of();
        byte[] hardState = new byte[0];
        Ballot promised = Ballot.ZERO;
    }

    private final QuorumSystem quorum;
    private final int nodes;
    private final HashMap<Long, List<Acceptance>> slots = new HashMap<>();
    private final HashMap<Long, Acceptance> chosen = new HashMap<>();
    private final Seen[] seen;
    private long commitsChecked;
    private long highestBallot = Ballot.ZERO.pack();

    private PaxosInvariants(int nodes) {
        this.nodes = nodes;
        this.quorum = QuorumSystem.majority(IntStream.rangeClosed(1, nodes).toArray());
        this.seen = new Seen[nodes + 1];
        for (int i = 1; i <= nodes; i++) {
            seen[i] = new Seen();
        }
    }

    /**
     * The Paxos invariants as one {@link Invariant} that starts afresh for every run (each run is
     * its own {@link ClusterView}); runs of one configuration follow one another, never overlap.
     */
    static Invariant forRun(int nodes) {
        return new Invariant() {
            private ClusterView run;
            private PaxosInvariants watcher;

            @Override
            public String name() {
                return "paxos";
            }

            @Override
            public Optional<String> check(ClusterView view) {
                if (view != run) {
                    run = view;
                    watcher = new PaxosInvariants(nodes);
                }
                return watcher.check(view);
            }
        };
    }

    /** The invariants for a cluster of {@code replicas}, for the conformance suite. */
    static List<Invariant> all(int replicas) {
        return List.of(forRun(replicas));
    }

    private Optional<String> check(ClusterView view) {
        for (int id = 1; id <= nodes; id++) {
            String wrong = observe(view.node(id));
            if (wrong != null) {
                return Optional.of(wrong);
            }
        }
        String wrong = promisesBackBallots();
        return Optional.ofNullable(wrong != null ? wrong : committedMeansChosen(view));
    }

    /** The highest ballot any replica accepted at is promised, durably, by a phase-1 quorum. */
    private String promisesBackBallots() {
        Ballot highest = Ballot.unpack(highestBallot);
        int[] promised = new int[nodes];
        int k = 0;
        for (int n = 1; n <= nodes; n++) {
            if (seen[n].promised.compareTo(highest) >= 0) {
                promised[k++] = n;
            }
        }
        if (quorum.isPhase1Quorum(Arrays.copyOf(promised, k))) {
            return null;
        }
        StringBuilder durable = new StringBuilder();
        for (int n = 1; n <= nodes; n++) {
            durable.append(n > 1 ? ", " : "").append(n).append(": ").append(seen[n].promised);
        }
        return BALLOTS_REST_ON_DURABLE_PROMISES + ": a value was accepted at ballot " + highest + " but no phase-1 quorum has promised it on disk (durable promises "
            + durable + ")";
    }

    /** Takes in what changed on one node's disk since the last check. */
    private String observe(NodeView node) {
        Seen before = seen[node.id()];
        Ballot promisedBefore = before.promised;
        byte[] hard = node.durableHardState();
        if (!Arrays.equals(hard, before.hardState)) {
            HardState decoded = HardState.decode(hard);
            if (decoded.promised().compareTo(before.promised) < 0) {
                return PROMISES_NEVER_GO_BACK + ": node " + node.id() + "'s durable promise went back from " + before.promised + " to " + decoded.promised();
            }
            before.hardState = hard;
            before.promised = decoded.promised();
        }
        List<LogEntry> log = node.durableLog();
        if (!sameEntries(log, before.log)) {
            String wrong = acceptAll(node.id(), log, promisedBefore);
            before.log = List.copyOf(log);
            return wrong;
        }
        return null;
    }

    /** Identity comparison: the disk keeps the very entry objects it was handed. */
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

    private String acceptAll(int node, List<LogEntry> entries, Ballot promisedBefore) {
        for (LogEntry e : entries) {
            String wrong = accept(node, e, promisedBefore);
            if (wrong != null) {
                return wrong;
            }
        }
        return null;
    }

    /** Records that {@code node} durably holds {@code e}, checking it against what is known of its slot. */
    private String accept(int node, LogEntry e, Ballot promisedBefore) {
        List<Acceptance> ofSlot = slots.computeIfAbsent(e.index(), s -> new ArrayList<>(2));
        Acceptance a = null;
        for (Acceptance x : ofSlot) {
            if (x.ballot == e.term()) {
                a = x;
                break;
            }
        }
        if (a != null && a.by[node]) {
            return null;
        }
        if (Ballot.unpack(e.term()).compareTo(promisedBefore) < 0) {
            return NO_ACCEPTANCE_BELOW_PROMISE + ": node " + node + " accepted slot " + e.index() + " at ballot " + Ballot.unpack(e.term())
                + " below its promise " + promisedBefore;
        }
        if (a == null) {
            a = new Acceptance(e.term(), e.data(), nodes);
            ofSlot.add(a);
        } else if (!Arrays.equals(a.value, e.data())) {
            return ONE_VALUE_PER_BALLOT + ": two values at slot " + e.index() + ", ballot " + Ballot.unpack(e.term()) + ": node " + node
                + " accepted " + text(e.data()) + ", another node " + text(a.value);
        }
        Acceptance chosenHere = chosen.get(e.index());
        if (chosenHere != null && e.term() > chosenHere.ballot && !Arrays.equals(chosenHere.value, e.data())) {
            return CHOSEN_STAYS_CHOSEN + ": value overturned at slot " + e.index() + ": " + text(chosenHere.value)
                + " was chosen at ballot " + Ballot.unpack(chosenHere.ballot) + ", node " + node + " accepted "
                + text(e.data()) + " at higher ballot " + Ballot.unpack(e.term());
        }
        a.by[node] = true;
        a.count++;
        highestBallot = Math.max(highestBallot, e.term());
        if (!a.chosen && isQuorum(a)) {
            a.chosen = true;
            return chose(e.index(), a, ofSlot);
        }
        return null;
    }

    private boolean isQuorum(Acceptance a) {
        int[] votes = new int[a.count];
        int k = 0;
        for (int n = 1; n <= nodes; n++) {
            if (a.by[n]) {
                votes[k++] = n;
            }
        }
        return quorum.isPhase2Quorum(votes);
    }

    /** (slot, a) just became chosen: no higher ballot may have been accepted with another value. */
    private String chose(long slot, Acceptance a, List<Acceptance> ofSlot) {
        Acceptance first = chosen.get(slot);
        if (first == null || a.ballot < first.ballot) {
            chosen.put(slot, a);
        }
        for (Acceptance x : ofSlot) {
            if (x.ballot > a.ballot && !Arrays.equals(x.value, a.value) || x.chosen && !Arrays.equals(x.value, a.value)) {
                return CHOSEN_STAYS_CHOSEN + ": value overturned at slot " + slot + ": " + text(a.value) + " is chosen at ballot "
                    + Ballot.unpack(a.ballot) + " but " + text(x.value) + " was accepted at ballot "
                    + Ballot.unpack(x.ballot);
            }
        }
        return null;
    }

    /** Every newly committed slot holds the value a quorum accepted there. */
    private String committedMeansChosen(ClusterView view) {
        long highest = view.highestChosen();
        for (long slot = commitsChecked + 1; slot <= highest; slot++) {
            LogEntry committed = view.chosen(slot);
            if (committed == null) {
                continue; // no node committed it one by one (snapshot installs skip slots)
            }
            Acceptance c = chosen.get(slot);
            if (c == null) {
                return COMMITTED_MEANS_CHOSEN + ": slot " + slot + " was committed (" + text(committed.data())
                    + ") but no quorum ever accepted a value there";
            }
            if (!Arrays.equals(c.value, committed.data())) {
                return COMMITTED_MEANS_CHOSEN + ": slot " + slot + " was committed as " + text(committed.data()) + " but a quorum chose "
                    + text(c.value);
            }
        }
        commitsChecked = Math.max(commitsChecked, highest);
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
