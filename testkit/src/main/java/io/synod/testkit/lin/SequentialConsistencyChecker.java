package io.synod.testkit.lin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Decides whether a history with local reads is sequentially consistent in the way ZooKeeper
 * promises: there is one total order of all operations that keeps each client's own order, in
 * which the updates come in the order of the replicated log and each read answers from the state
 * of a prefix of that log. For a client this means it never goes back in time: it never sees a
 * state older than one it saw or wrote before.
 *
 * <p>That is stronger than sequential consistency in general (which may order the updates any way
 * that fits), and cheaper to check: the log fixes the order of updates (a {@link LogOrder}), so
 * each read only has to be placed on a prefix. The check walks each client's operations in the
 * order it issued them, keeping the newest point of the log the client has seen:
 * <ul>
 *   <li>an update that took effect at rank u must lie after everything its client saw before it
 *       was issued (u above the client's point), and its answer must be the one the model gives at
 *       u; the client's point becomes u;</li>
 *   <li>a read is placed at the earliest rank, at or after the client's point, whose state (the
 *       model run over the log up to there) gives the read's answer; if none does, the history is
 *       not sequentially consistent — and if an older prefix does give it, the client went back in
 *       time, which the report says. The client's point moves to where the read was placed.</li>
 * </ul>
 * Placing each read as early as it can go leaves the most room for the client's later
 * operations, so the walk finds a total order whenever the log's order admits one. Operations
 * whose outcome is unknown constrain nothing: they may have taken effect at any time after their
 * invocation (the log says where, if they did), or never. The model's {@link Model#partition}
 * is used only to replay each part's updates; placements are made on the one global log.
 *
 * <pre>{@code
 * SequentialConsistencyResult<KvOp, String> r =
 *     SequentialConsistencyChecker.check(new KvModel(), history, logOrder, KvOp::isRead);
 * assertTrue(r.consistent(), r.report());
 * }</pre>
 */
public final class SequentialConsistencyChecker {

    private SequentialConsistencyChecker() {
    }

    /** The states of one part of the model along the log: state {@code j} holds after the part's first j updates. */
    private static final class Timeline<S> {
        long[] ranks = new long[0];
        List<S> states = new ArrayList<>();

        /** How many of the part's updates a read at {@code rank} sees. */
        int seen(long rank) {
            int found = Arrays.binarySearch(ranks, rank);
            return found >= 0 ? found + 1 : -found - 1;
        }
    }

    private record Breach<I, O>(long at, String what, List<Operation<I, O>> witnesses) {
    }

    /**
     * Checks {@code history}.
     *
     * @param order where each operation that is not a local read took effect in the log
     * @param local which inputs are reads served from a node's own state, to be placed by the check
     */
    public static <S, I, O> SequentialConsistencyResult<I, O> check(Model<S, I, O> model, List<Operation<I, O>> history,
                                                                   LogOrder order, Predicate<I> local) {
        List<Breach<I, O>> breaches = new ArrayList<>();
        Map<Integer, Timeline<S>> timelineOf = new HashMap<>();
        for (List<Operation<I, O>> part : model.partition(history)) {
            Timeline<S> timeline = replay(model, part, order, local, breaches);
            for (Operation<I, O> op : part) {
                timelineOf.put(op.id(), timeline);
            }
        }
        Map<Long, List<Operation<I, O>>> byClient = new LinkedHashMap<>();
        for (Operation<I, O> op : history) {
            byClient.computeIfAbsent(op.clientId(), c -> new ArrayList<>()).add(op);
        }
        int placed = 0;
        for (List<Operation<I, O>> ops : byClient.values()) {
            ops.sort((a, b) -> Long.compare(a.invokeTime(), b.invokeTime()));
            placed += walk(model, ops, order, local, timelineOf, breaches);
        }
        if (breaches.isEmpty()) {
            return new SequentialConsistencyResult<>(true, placed, "consistent", List.of(), 0);
        }
        Breach<I, O> first = breaches.stream().min((a, b) -> Long.compare(a.at(), b.at())).orElseThrow();
        return new SequentialConsistencyResult<>(false, placed, first.what(), first.witnesses(), breaches.size());
    }

    /** Runs a part's updates in log order, checking each known answer; returns the part's states along the log. */
    private static <S, I, O> Timeline<S> replay(Model<S, I, O> model, List<Operation<I, O>> part, LogOrder order,
                                                Predicate<I> local, List<Breach<I, O>> breaches) {
        List<Operation<I, O>> updates = new ArrayList<>();
        for (Operation<I, O> op : part) {
            if (local.test(op.input())) {
                continue;
            }
            if (order.rank(op.id()).isPresent()) {
                updates.add(op);
            } else if (!op.isIndeterminate()) {
                breaches.add(new Breach<>(op.invokeTime(), "#" + op.id() + " was answered but never took effect in the log",
                    List.of(op)));
            }
        }
        updates.sort((a, b) -> Long.compare(order.rank(a.id()).getAsLong(), order.rank(b.id()).getAsLong()));
        Timeline<S> timeline = new Timeline<>();
        timeline.ranks = new long[updates.size()];
        S state = model.init();
        timeline.states.add(state);
        for (int j = 0; j < updates.size(); j++) {
            Operation<I, O> op = updates.get(j);
            long rank = order.rank(op.id()).getAsLong();
            Optional<S> next = model.step(state, op.input(), op.output());
            if (next.isEmpty()) {
                breaches.add(new Breach<>(op.invokeTime(), "#" + op.id() + " took effect at " + LogOrder.describe(rank)
                    + " but answered " + op.output() + ", which the log's order does not give there (state " + state + ")",
                    List.of(op)));
                next = model.step(state, op.input(), null);
            }
            state = next.orElseThrow(() -> new IllegalStateException("the model has no next state for " + op));
            timeline.ranks[j] = rank;
            timeline.states.add(state);
        }
        return timeline;
    }

    /** One client's operations in the order it issued them; returns how many reads it placed. */
    private static <S, I, O> int walk(Model<S, I, O> model, List<Operation<I, O>> ops, LogOrder order, Predicate<I> local,
                                      Map<Integer, Timeline<S>> timelineOf, List<Breach<I, O>> breaches) {
        long point = LogOrder.START;
        Operation<I, O> pointSetBy = null;
        int placed = 0;
        for (Operation<I, O> op : ops) {
            if (op.isIndeterminate()) {
                continue;
            }
            if (!local.test(op.input())) {
                OptionalLong rank = order.rank(op.id());
                if (rank.isEmpty()) {
                    continue; // reported by the replay
                }
                if (rank.getAsLong() <= point) {
                    breaches.add(new Breach<>(op.invokeTime(), "#" + op.id() + " took effect at "
                        + LogOrder.describe(rank.getAsLong()) + ", yet its client had seen " + LogOrder.describe(point)
                        + (pointSetBy == null ? "" : " (in #" + pointSetBy.id() + ")") + " before issuing it", witnesses(op, pointSetBy)));
                    return placed;
                }
                point = rank.getAsLong();
                pointSetBy = op;
                continue;
            }
            Timeline<S> timeline = timelineOf.get(op.id());
            int from = timeline.seen(point);
            int fits = -1;
            for (int j = from; j < timeline.states.size() && fits < 0; j++) {
                if (model.step(timeline.states.get(j), op.input(), op.output()).isPresent()) {
                    fits = j;
                }
            }
            if (fits < 0) {
                breaches.add(new Breach<>(op.invokeTime(), wentWrong(model, op, timeline, from, point, pointSetBy),
                    witnesses(op, pointSetBy)));
                return placed;
            }
            placed++;
            if (fits > from) {
                point = timeline.ranks[fits - 1];
                pointSetBy = op;
            }
        }
        return placed;
    }

    private static <S, I, O> String wentWrong(Model<S, I, O> model, Operation<I, O> read, Timeline<S> timeline, int from, long point,
                                              Operation<I, O> pointSetBy) {
        String seen = "its client had already seen " + LogOrder.describe(point) + (pointSetBy == null ? "" : " (in #" + pointSetBy.id() + ")");
        for (int j = from - 1; j >= 0; j--) {
            if (model.step(timeline.states.get(j), read.input(), read.output()).isPresent()) {
                String since = j == 0 ? "the empty log" : LogOrder.describe(timeline.ranks[j - 1]);
                return "read #" + read.id() + " went back in time: it answered " + read.output() + ", the state from " + since
                    + " until " + LogOrder.describe(timeline.ranks[j]) + ", but " + seen;
            }
        }
        return "read #" + read.id() + " answered " + read.output() + ", which no prefix of the log gives (" + seen + ")";
    }

    private static <I, O> List<Operation<I, O>> witnesses(Operation<I, O> op, Operation<I, O> pointSetBy) {
        return pointSetBy == null ? List.of(op) : List.of(op, pointSetBy);
    }
}
