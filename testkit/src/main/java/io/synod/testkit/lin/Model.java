package io.synod.testkit.lin;

import java.util.List;
import java.util.Optional;

/**
 * The sequential specification of an object, for the linearizability checker: what state it
 * starts in and which (input, output) pairs are legal in each state.
 *
 * <p>States must be immutable values with {@code equals} and {@code hashCode}: the checker
 * memoises (set of linearized operations, state) pairs.
 *
 * <pre>{@code
 * Model<Long, Long, Long> counter = new Model<>() {
 *     public Long init() { return 0L; }
 *     public Optional<Long> step(Long s, Long add, Long out) {
 *         long next = s + add;
 *         return out == null || out == next ? Optional.of(next) : Optional.empty();
 *     }
 * };
 * }</pre>
 *
 * @param <S> the state
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S init();

    /**
     * Whether {@code input} answered with {@code output} is legal in {@code state}, and the state
     * after it. An {@code output} of {@code null} means the answer is unknown (the operation is
     * indeterminate): the model must then return the state the operation leads to.
     *
     * @return the next state, or empty if the pair is illegal here
     */
    Optional<S> step(S state, I input, O output);

    /**
     * Splits a history into independent parts checked one by one (per key for a key-value
     * store). A part must be closed under every dependency: operations in different parts may
     * never affect each other. The default checks the history as one part.
     */
    default List<List<Operation<I, O>>> partition(List<Operation<I, O>> operations) {
        return List.of(operations);
    }

    /**
     * True when the operation never changes the state (a read): the checker then drops it from
     * a counterexample once its output no longer matters, instead of keeping it as indeterminate.
     */
    default boolean readOnly(I input) {
        return false;
    }

    /** How a counterexample names an operation. */
    default String describe(Operation<I, O> op) {
        return op.toString();
    }
}
