package io.synod.testkit.lin;

/**
 * One client operation as a history records it: when it was invoked, when (if ever) its answer
 * arrived, and what it answered.
 *
 * <p>An <em>indeterminate</em> operation (timed out, retried too often, or still open when the
 * run ended) has no output and responds "at infinity": it may have taken effect at any point
 * after its invocation, or never.
 *
 * @param id           the operation's position in its history
 * @param clientId     the client that issued it
 * @param input        what was asked
 * @param output       what was answered, or {@code null} when indeterminate
 * @param invokeTime   when it was issued
 * @param responseTime when its answer arrived, or {@link #NEVER}
 * @param <I>          the model's input type
 * @param <O>          the model's output type
 */
public record Operation<I, O>(int id, long clientId, I input, O output, long invokeTime, long responseTime) {

    /** The response time of an operation whose answer never arrived. */
    public static final long NEVER = Long.MAX_VALUE;

    public Operation {
        if (input == null) {
            throw new IllegalArgumentException("operation " + id + " has no input");
        }
        if (responseTime < invokeTime) {
            throw new IllegalArgumentException("operation " + id + " responds at " + responseTime + " before its invocation at " + invokeTime);
        }
        if ((output == null) != (responseTime == NEVER)) {
            throw new IllegalArgumentException("operation " + id + ": an output is known exactly when a response arrived");
        }
    }

    /** A completed operation. */
    public static <I, O> Operation<I, O> completed(int id, long clientId, I input, O output, long invoke, long response) {
        return new Operation<>(id, clientId, input, output, invoke, response);
    }

    /** An operation whose outcome is unknown. */
    public static <I, O> Operation<I, O> indeterminate(int id, long clientId, I input, long invoke) {
        return new Operation<>(id, clientId, input, null, invoke, NEVER);
    }

    public boolean isIndeterminate() {
        return responseTime == NEVER;
    }

    /** The same operation with its outcome forgotten: a weaker observation. */
    public Operation<I, O> forgetOutcome() {
        return indeterminate(id, clientId, input, invokeTime);
    }

    @Override
    public String toString() {
        String end = isIndeterminate() ? "?" : Long.toString(responseTime);
        return "#" + id + " c" + clientId + " " + input + " -> " + (isIndeterminate() ? "?" : output)
            + " [" + invokeTime + ", " + end + "]";
    }
}
