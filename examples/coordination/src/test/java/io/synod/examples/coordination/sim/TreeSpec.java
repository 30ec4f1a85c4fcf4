package io.synod.examples.coordination.sim;

import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.OpResult;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.tree.Step;
import io.synod.examples.coordination.tree.TreeModel;
import io.synod.testkit.lin.Model;
import io.synod.testkit.lin.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sequential specification of the coordination tree for the linearizability checker:
 * {@link TreeModel} (the plain reference model the tree is property-tested against) run on a copy
 * per step, with what a replicated log adds:
 * <ul>
 *   <li>An update's zxid and time are those the log applied it with (its answer carries them), and
 *       zxids grow along the linearization: an update linearized before one the log applied earlier
 *       is refused, so the checker must find the log's order.</li>
 *   <li>An update whose answer never came may have applied, with a zxid and time no one saw: the
 *       model then applies it with {@link #UNKNOWN} ones, which match any value a later read
 *       shows (a parent's pzxid, once unknown, stays so: weaker, never wrong).</li>
 *   <li>A session's expiry, which the simulator records at its place in the log, deletes its
 *       ephemerals there, as closing it would.</li>
 * </ul>
 * Every other field of every result and stat must be equal: paths with their sequence suffixes,
 * error codes (per op of a multi), versions, child versions, owners, data, children.
 *
 * <p>Histories are split by subtree ({@code /a}, {@code /b}...): an op touches one subtree only, and
 * nothing in one subtree shows in another (no one reads the root). An expiry goes into every part;
 * it has no duration and a known place in the log, so every part puts it at the same point.
 */
final class TreeSpec implements Model<TreeSpec.State, TreeOp, TreeResult> {

    /** A zxid or time no answer showed: matches anything. Above every real one, so the model's max() keeps it. */
    static final long UNKNOWN = Long.MAX_VALUE;

    /** A model tree and the highest zxid linearized so far; compared by content. */
    static final class State {
        final TreeModel tree;
        final long lastZxid;
        private final long hash;

        State(TreeModel tree, long lastZxid) {
            this.tree = tree;
            this.lastZxid = lastZxid;
            this.hash = tree.contentHash() * 31 + lastZxid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.hash == hash && s.lastZxid == lastZxid && s.tree.sameContent(tree);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hash);
        }

        @Override
        public String toString() {
            return "last zxid " + lastZxid + "\n" + tree;
        }
    }

    @Override
    public State init() {
        return new State(new TreeModel(), 0);
    }

    @Override
    public Optional<State> step(State state, TreeOp input, TreeResult output) {
        if (input instanceof TreeOp.Read read) {
            return output == null || matches(expected(state.tree, read), (TreeResult.Read) output) ? Optional.of(state)
                : Optional.empty();
        }
        if (input instanceof TreeOp.Expiry e) {
            return applied(state, new Step(e.session(), List.of(), new Op.CloseSession()), e.zxid(), e.time(), null);
        }
        Step step = ((TreeOp.Update) input).step();
        if (output == null) {
            return applied(state, step, UNKNOWN, UNKNOWN, null);
        }
        TreeResult.Applied a = (TreeResult.Applied) output;
        return applied(state, step, a.zxid(), a.time(), a.result());
    }

    private static Optional<State> applied(State state, Step step, long zxid, long time, OpResult actual) {
        if (zxid != UNKNOWN && zxid <= state.lastZxid) {
            return Optional.empty();
        }
        TreeModel next = state.tree.copy();
        OpResult expected = next.apply(step, zxid, time);
        if (actual != null && !matches(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(new State(next, zxid == UNKNOWN ? state.lastZxid : zxid));
    }

    static TreeResult.Read expected(TreeModel tree, TreeOp.Read read) {
        Stat stat = tree.stat(read.path());
        if (stat == null) {
            return new TreeResult.Read(ErrorCode.NO_NODE, null, null, null);
        }
        return switch (read.kind()) {
            case GET_DATA -> new TreeResult.Read(ErrorCode.OK, ObservedCoordination.text(tree.data(read.path())), stat, null);
            case EXISTS -> new TreeResult.Read(ErrorCode.OK, null, stat, null);
            case GET_CHILDREN -> new TreeResult.Read(ErrorCode.OK, null, stat, tree.children(read.path()));
        };
    }

    static boolean matches(TreeResult.Read expected, TreeResult.Read actual) {
        return expected.code() == actual.code() && Objects.equals(expected.data(), actual.data())
            && Objects.equals(expected.children(), actual.children()) && matches(expected.stat(), actual.stat());
    }

    static boolean matches(OpResult expected, OpResult actual) {
        if (expected instanceof OpResult.MultiResult e && actual instanceof OpResult.MultiResult a) {
            if (e.results().size() != a.results().size()) {
                return false;
            }
            for (int i = 0; i < e.results().size(); i++) {
                if (!matches(e.results().get(i), a.results().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof OpResult.Created e && actual instanceof OpResult.Created a) {
            return e.path().equals(a.path()) && matches(e.stat(), a.stat());
        }
        if (expected instanceof OpResult.DataSet e && actual instanceof OpResult.DataSet a) {
            return matches(e.stat(), a.stat());
        }
        return expected.equals(actual);
    }

    static boolean matches(Stat e, Stat a) {
        if (e == null || a == null) {
            return e == a;
        }
        return same(e.czxid(), a.czxid()) && same(e.mzxid(), a.mzxid()) && same(e.pzxid(), a.pzxid())
            && same(e.ctime(), a.ctime()) && same(e.mtime(), a.mtime()) && e.version() == a.version()
            && e.cversion() == a.cversion() && e.aversion() == a.aversion() && e.ephemeralOwner() == a.ephemeralOwner()
            && e.dataLength() == a.dataLength() && e.numChildren() == a.numChildren();
    }

    private static boolean same(long expected, long actual) {
        return expected == UNKNOWN || expected == actual;
    }

    @Override
    public boolean readOnly(TreeOp input) {
        return input instanceof TreeOp.Read;
    }

    @Override
    public List<List<Operation<TreeOp, TreeResult>>> partition(List<Operation<TreeOp, TreeResult>> operations) {
        Map<String, List<Operation<TreeOp, TreeResult>>> parts = new LinkedHashMap<>();
        for (Operation<TreeOp, TreeResult> op : operations) {
            if (!(op.input() instanceof TreeOp.Expiry)) {
                parts.computeIfAbsent(subtree(op.input()), k -> new ArrayList<>());
            }
        }
        if (parts.isEmpty()) {
            return List.of(operations);
        }
        for (Operation<TreeOp, TreeResult> op : operations) {
            if (op.input() instanceof TreeOp.Expiry) {
                parts.values().forEach(part -> part.add(op));
            } else {
                parts.get(subtree(op.input())).add(op);
            }
        }
        return new ArrayList<>(parts.values());
    }

    /** The one subtree an op touches; the workload never spans two. */
    static String subtree(TreeOp input) {
        Set<String> tops = new TreeSet<>();
        if (input instanceof TreeOp.Read r) {
            tops.add(TreeOp.topLevel(r.path()));
        } else if (input instanceof TreeOp.Update u) {
            paths(u.step().op(), tops);
        }
        if (tops.size() != 1) {
            throw new IllegalArgumentException(input + " touches " + tops + ": the model checks one subtree at a time");
        }
        return tops.iterator().next();
    }

    private static void paths(Op op, Set<String> tops) {
        if (op instanceof Op.Multi m) {
            m.ops().forEach(inner -> paths(inner, tops));
        } else if (op instanceof Op.Create c) {
            tops.add(TreeOp.topLevel(c.path()));
        } else if (op instanceof Op.Delete d) {
            tops.add(TreeOp.topLevel(d.path()));
        } else if (op instanceof Op.SetData s) {
            tops.add(TreeOp.topLevel(s.path()));
        } else if (op instanceof Op.Check c) {
            tops.add(TreeOp.topLevel(c.path()));
        } else {
            throw new IllegalArgumentException("the workload sends no " + op);
        }
    }
}
