package io.synod.paxos.basic;

import io.synod.api.LogEntry;
import io.synod.protocol.Ballot;
import io.synod.quorum.QuorumSystem;
import io.synod.testkit.ClusterView;
import io.synod.testkit.Invariant;
import io.synod.testkit.NodeView;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Synod protocol's own safety, per slot, checked by the simulator after every event from the
 * acceptors' state ("Paxos Made Simple", §2.2):
 * <ul>
 *   <li><b>P1a</b> — an acceptor never accepts a ballot below one it promised, and its promise
 *       never goes down (not even across a crash: it must have been durable before anyone saw it);</li>
 *   <li><b>one value per ballot</b> — no two acceptors accept different values under one ballot;</li>
 *   <li><b>P2 (once chosen, stays chosen)</b> — once a phase-2 quorum has accepted {@code (b, v)}
 *       in a slot, every ballot at or above {@code b} accepted in that slot carries {@code v};</li>
 *   <li><b>learners learn only chosen values</b> — every committed entry is a value some phase-2
 *       quorum accepted under the ballot the entry names.</li>
 * </ul>
 *
 * <p>An acceptor's votes are read from its core while it is up (after every event they equal its
 * durable hard state, since the driver drained every Ready) and from its disk when it crashes, so
 * a vote sent in the same Ready as the crash is still seen. Acceptances are remembered for the
 * whole run, so a vote later dropped (its slot decided) still counts towards the quorum it was in.
 *
 * <p>One instance serves one run at a time: it starts over when it sees a new cluster.
 */
final class ChosenStaysChosen implements Invariant {

    private final QuorumSystem quorum;
    private ClusterView run;
    private boolean[] up;
    /** Per node, per slot: the last promise and acceptance seen. */
    private Map<Integer, Map<Long, AcceptorSlot>> seen;
    /** Per slot: every acceptance seen, by ballot. */
    private Map<Long, SlotVotes> votes;
    private long checkedThrough;
    /** Over every run so far: the fewest acceptors known to hold a slot's value when it was first committed. */
    private int fewestAtCommit = Integer.MAX_VALUE;

    ChosenStaysChosen(QuorumSystem quorum) {
        this.quorum = quorum;
    }

    @Override
    public String name() {
        return "chosen stays chosen (Basic Paxos)";
    }

    @Override
    public Optional<String> check(ClusterView view) {
        if (view != run) {
            run = view;
            up = new boolean[view.size() + 1];
            seen = new HashMap<>();
            votes = new HashMap<>();
            checkedThrough = 0;
        }
        for (int id = 1; id <= view.size(); id++) {
            NodeView node = view.node(id);
            String wrong = null;
            BasicPaxosCore core = CoreDecorator.unwrap(node.core());
            if (core != null) {
                up[id] = true;
                wrong = observe(id, core.hardState());
            } else if (up[id]) {
                up[id] = false;
                wrong = observe(id, BasicHardState.decode(node.durableHardState()));
            }
            if (wrong != null) {
                return Optional.of(wrong);
            }
        }
        return checkCommitted(view);
    }

    /**
     * Over every run this instance checked: the fewest acceptors that had accepted a slot's
     * value, under the committed ballot, when the slot was first committed anywhere. Shows which
     * phase-2 quorums really decided ({@code Integer.MAX_VALUE} before any commit).
     */
    int fewestAcceptorsAtCommit() {
        return fewestAtCommit;
    }

    private String observe(int node, BasicHardState state) {
        Map<Long, AcceptorSlot> mine = seen.computeIfAbsent(node, n -> new HashMap<>());
        for (Map.Entry<Long, AcceptorSlot> e : state.slots().entrySet()) {
            long slot = e.getKey();
            AcceptorSlot now = e.getValue();
            AcceptorSlot before = mine.get(slot);
            Ballot promisedBefore = before == null ? Ballot.ZERO : before.promised();
            Ballot acceptedBefore = before == null ? Ballot.ZERO : before.acceptedBallot();
            if (before != null && promisedBefore.isAbove(now.promised())) {
                return "node " + node + " slot " + slot + ": promise went down from " + promisedBefore + " to "
                    + now.promised() + " (a promise was reported before it was durable?)";
            }
            boolean newAcceptance = !now.acceptedBallot().equals(acceptedBefore)
                || (before != null && !Arrays.equals(now.acceptedValue(), before.acceptedValue()));
            if (newAcceptance && now.acceptedValue() != null) {
                if (promisedBefore.isAbove(now.acceptedBallot())) {
                    return "node " + node + " slot " + slot + ": accepted ballot " + now.acceptedBallot()
                        + " below its promise " + promisedBefore;
                }
                String wrong = votes.computeIfAbsent(slot, s -> new SlotVotes())
                    .accepted(slot, node, now.acceptedBallot(), now.acceptedValue());
                if (wrong != null) {
                    return wrong;
                }
            }
            if (before == null || newAcceptance || !promisedBefore.equals(now.promised())) {
                mine.put(slot, new AcceptorSlot(now.promised(), now.acceptedBallot(), now.acceptedValue()));
            }
        }
        return null;
    }

    private Optional<String> checkCommitted(ClusterView view) {
        LogEntry entry;
        while ((entry = view.chosen(checkedThrough + 1)) != null) {
            checkedThrough++;
            Ballot ballot = Ballot.unpack(entry.term());
            SlotVotes slot = votes.get(entry.index());
            if (slot == null || !slot.chosen.contains(ballot)) {
                return Optional.of("slot " + entry.index() + " was committed under ballot " + ballot
                    + " but no phase-2 quorum ever accepted that ballot there (votes seen: "
                    + (slot == null ? "none" : slot.describe()) + ")");
            }
            if (!Arrays.equals(slot.values.get(ballot), entry.data())) {
                return Optional.of("slot " + entry.index() + " was committed with a value other than the one a quorum"
                    + " accepted under " + ballot);
            }
            fewestAtCommit = Math.min(fewestAtCommit, slot.acceptors.get(ballot).size());
        }
        return Optional.empty();
    }

    /** All acceptances seen in one slot. */
    private final class SlotVotes {
        private final TreeMap<Ballot, byte[]> values = new TreeMap<>();
        private final TreeMap<Ballot, TreeSet<Integer>> acceptors = new TreeMap<>();
        private final TreeSet<Ballot> chosen = new TreeSet<>();

        String accepted(long slot, int node, Ballot ballot, byte[] value) {
            byte[] known = values.putIfAbsent(ballot, value);
            if (known != null && !Arrays.equals(known, value)) {
                return "slot " + slot + ": two values accepted under ballot " + ballot + " (node " + node + " and "
                    + acceptors.get(ballot) + ")";
            }
            TreeSet<Integer> who = acceptors.computeIfAbsent(ballot, b -> new TreeSet<>());
            who.add(node);
            Ballot lowestChosen = chosen.isEmpty() ? null : chosen.first();
            if (lowestChosen != null && ballot.isAtLeast(lowestChosen) && !Arrays.equals(values.get(lowestChosen), value)) {
                return "slot " + slot + ": value chosen under " + lowestChosen + " by " + acceptors.get(lowestChosen)
                    + ", but node " + node + " accepted another value under the later ballot " + ballot;
            }
            if (!chosen.contains(ballot) && quorum.isPhase2Quorum(who.stream().mapToInt(Integer::intValue).toArray())) {
                chosen.add(ballot);
                for (Map.Entry<Ballot, byte[]> later : values.tailMap(ballot, false).entrySet()) {
                    if (!Arrays.equals(later.getValue(), value)) {
                        return "slot " + slot + ": " + who + " chose a value under " + ballot + ", but "
                            + acceptors.get(later.getKey()) + " accepted another value under the later ballot "
                            + later.getKey();
                    }
                }
            }
            return null;
        }

        String describe() {
            StringBuilder out = new StringBuilder();
            acceptors.forEach((b, who) -> out.append(b).append(" by ").append(who)
                .append(chosen.contains(b) ? " (chosen)" : "").append("; "));
            return out.toString();
        }
    }
}
