package io.synod.testkit.lin;

import java.util.ArrayList;
import java.util.List;

/**
 * A recorder of client operations: invocations and responses as the clients saw them.
 * Operations still open when {@link #operations()} is called are reported indeterminate.
 *
 * <p>Not thread-safe: the simulator records from its single thread.
 *
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public final class History<I, O> {

    private final List<Open<I, O>> open = new ArrayList<>();
    private final List<Operation<I, O>> closed = new ArrayList<>();

    private record Open<I, O>(long clientId, I input, long invokeTime) {
    }

    /** Records an invocation; returns the id to respond to. */
    public int invoke(long clientId, I input, long time) {
        open.add(new Open<>(clientId, input, time));
        closed.add(null);
        return open.size() - 1;
    }

    /** Replaces the input of open operation {@code id}: what was asked became known more precisely. */
    public void rebind(int id, I input) {
        Open<I, O> o = openOperation(id);
        open.set(id, new Open<>(o.clientId, input, o.invokeTime));
    }

    /** Records the answer of operation {@code id}. */
    public void respond(int id, O output, long time) {
        Open<I, O> o = openOperation(id);
        if (output == null) {
            throw new IllegalArgumentException("operation " + id + " answered with no output; use indeterminate()");
        }
        closed.set(id, Operation.completed(id, o.clientId, o.input, output, o.invokeTime, time));
    }

    /** Records that the answer of operation {@code id} will never be known. */
    public void indeterminate(int id) {
        Open<I, O> o = openOperation(id);
        closed.set(id, Operation.indeterminate(id, o.clientId, o.input, o.invokeTime));
    }

    private Open<I, O> openOperation(int id) {
        if (id < 0 || id >= open.size()) {
            throw new IllegalArgumentException("no operation " + id + " in a history of " + open.size());
        }
        if (closed.get(id) != null) {
            throw new IllegalStateException("operation " + id + " was already closed as " + closed.get(id));
        }
        return open.get(id);
    }

    /** The number of operations invoked. */
    public int size() {
        return open.size();
    }

    /** Every operation, in invocation order; open ones as indeterminate. */
    public List<Operation<I, O>> operations() {
        List<Operation<I, O>> all = new ArrayList<>(open.size());
        for (int id = 0; id < open.size(); id++) {
            Operation<I, O> c = closed.get(id);
            Open<I, O> o = open.get(id);
            all.add(c != null ? c : Operation.indeterminate(id, o.clientId, o.input, o.invokeTime));
        }
        return all;
    }
}
