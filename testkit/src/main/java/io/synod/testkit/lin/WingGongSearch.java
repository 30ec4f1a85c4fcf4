package io.synod.testkit.lin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run of the Wing–Gong–Lowe search over one part of a history (see
 * {@link LinearizabilityChecker}). Events live in a doubly linked list so that linearizing an
 * operation ("lifting" its call and return) and undoing it are constant time.
 */
final class WingGongSearch<S, I, O> {

    enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

    private static final class Event {
        final boolean call;
        final int op;
        final long time;
        Event match;
        Event prev;
        Event next;

        Event(boolean call, int op, long time) {
            this.call = call;
            this.op = op;
            this.time = time;
        }
    }

    private record Frame<S>(Event event, S state) {
    }

    private record Memo(long[] linearized, Object state) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Memo m && Arrays.equals(m.linearized, linearized) && m.state.equals(state);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(linearized) + state.hashCode();
        }
    }

    private final Model<S, I, O> model;
    private final List<Operation<I, O>> ops;
    private final long budget;
    private final Event head = new Event(false, -1, Long.MIN_VALUE);
    private long steps;

    private int deepest = -1;
    private List<Integer> deepestOrder = List.of();
    private S deepestState;
    private int blockingOp = -1;
    private List<Integer> candidatesAtBlock = List.of();

    WingGongSearch(Model<S, I, O> model, List<Operation<I, O>> ops, long budget) {
        this.model = model;
        this.ops = ops;
        this.budget = budget;
    }

    long steps() {
        return steps;
    }

    /** When the operation the deepest attempt could not get past returned, or NEVER if none. */
    long blockingTime() {
        return blockingOp < 0 ? Operation.NEVER : ops.get(blockingOp).responseTime();
    }

    Outcome run() {
        link();
        long[] linearized = new long[(ops.size() + 63) / 64];
        Set<Memo> seen = new HashSet<>();
        Deque<Frame<S>> calls = new ArrayDeque<>();
        S state = model.init();
        deepestState = state;
        Event event = head.next;
        while (head.next != null) {
            if (++steps > budget) {
                return Outcome.UNKNOWN;
            }
            if (event.call) {
                Operation<I, O> op = ops.get(event.op);
                Optional<S> next = model.step(state, op.input(), op.output());
                if (next.isPresent()) {
                    linearized[event.op >>> 6] |= 1L << event.op;
                    if (seen.add(new Memo(linearized.clone(), next.get()))) {
                        calls.push(new Frame<>(event, state));
                        state = next.get();
                        lift(event);
                        event = head.next;
                        noteDepth(calls, state);
                        continue;
                    }
                    linearized[event.op >>> 6] &= ~(1L << event.op);
                }
                event = event.next;
            } else {
                if (calls.size() == deepest && blockingOp < 0) {
                    noteBlock(event);
                }
                if (calls.isEmpty()) {
                    return Outcome.NOT_LINEARIZABLE;
                }
                Frame<S> top = calls.pop();
                state = top.state();
                linearized[top.event().op >>> 6] &= ~(1L << top.event().op);
                unlift(top.event());
                event = top.event().next;
            }
        }
        return Outcome.LINEARIZABLE;
    }

    private void link() {
        List<Event> events = new ArrayList<>(ops.size() * 2);
        for (int i = 0; i < ops.size(); i++) {
            Operation<I, O> op = ops.get(i);
            Event call = new Event(true, i, op.invokeTime());
            Event ret = new Event(false, i, op.responseTime());
            call.match = ret;
            events.add(call);
            events.add(ret);
        }
        // Calls before returns at equal times: such operations count as concurrent, which can only
        // accept more histories, never reject a correct one.
        events.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
            : a.call != b.call ? (a.call ? -1 : 1) : Integer.compare(a.op, b.op));
        Event prev = head;
        for (Event e : events) {
            prev.next = e;
            e.prev = prev;
            prev = e;
        }
    }

    private static void lift(Event call) {
        call.prev.next = call.next;
        call.next.prev = call.prev;
        Event ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Event call) {
        Event ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        call.next.prev = call;
    }

    private void noteDepth(Deque<Frame<S>> calls, S state) {
        if (calls.size() > deepest) {
            deepest = calls.size();
            List<Integer> order = new ArrayList<>(deepest);
            calls.descendingIterator().forEachRemaining(f -> order.add(f.event().op));
            deepestOrder = order;
            deepestState = state;
            blockingOp = -1;
        }
    }

    private void noteBlock(Event ret) {
        blockingOp = ret.op;
        List<Integer> candidates = new ArrayList<>();
        for (Event e = head.next; e != null && e != ret; e = e.next) {
            if (e.call) {
                candidates.add(e.op);
            }
        }
        candidatesAtBlock = candidates;
    }

    /** Where the deepest attempt got stuck, in words. */
    String explain() {
        StringBuilder out = new StringBuilder();
        int depth = Math.max(deepest, 0);
        out.append("at most ").append(depth).append(" of ").append(ops.size())
            .append(" operations could be linearized");
        if (!deepestOrder.isEmpty()) {
            int from = Math.max(0, deepestOrder.size() - 5);
            out.append("; the last of them: ");
            for (int i = from; i < deepestOrder.size(); i++) {
                out.append(i > from ? ", " : "").append('#').append(ops.get(deepestOrder.get(i)).id());
            }
        }
        out.append("; state then: \"").append(deepestState).append('"');
        if (blockingOp >= 0) {
            out.append("\n  then ").append(model.describe(ops.get(blockingOp)))
                .append(" returned, but no pending operation could take effect first:");
            for (int op : candidatesAtBlock) {
                Operation<I, O> o = ops.get(op);
                boolean legal = model.step(deepestState, o.input(), o.output()).isPresent();
                out.append("\n    ").append(model.describe(o))
                    .append(legal ? "  (legal now, but leads to a dead end)" : "  (illegal in that state)");
            }
        }
        return out.toString();
    }
}
