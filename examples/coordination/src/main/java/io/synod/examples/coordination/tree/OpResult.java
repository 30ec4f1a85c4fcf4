package io.synod.examples.coordination.tree;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of applying an {@link Op}, as ZooKeeper's {@code OpResult}s: a success per op type,
 * or an {@link Error} with the code. The same on every replica.
 */
public sealed interface OpResult {

    /** The code of this result: OK for a success, the first failure's code for a multi. */
    ErrorCode code();

    /** A created node: the actual path (with its sequence suffix) and its stat (create2). */
    record Created(String path, Stat stat) implements OpResult {
        public ErrorCode code() {
            return ErrorCode.OK;
        }
    }

    record Deleted() implements OpResult {
        public ErrorCode code() {
            return ErrorCode.OK;
        }
    }

    /** setData's new stat. */
    record DataSet(Stat stat) implements OpResult {
        public ErrorCode code() {
            return ErrorCode.OK;
        }
    }

    /** setACL's new stat. */
    record AclSet(Stat stat) implements OpResult {
        public ErrorCode code() {
            return ErrorCode.OK;
        }
    }

    record Checked() implements OpResult {
        public ErrorCode code() {
            return ErrorCode.OK;
        }
    }

    /** The session ended, and these ephemerals went with it (in deletion order). */
    record SessionClosed(List<String> deleted) implements OpResult {
        public SessionClosed {
            deleted = List.copyOf(deleted);
        }

        public ErrorCode code() {
            return ErrorCode.OK;
        }
    }

    /**
     * A failure, or inside a failed multi: OK for the ops before the one that failed (undone),
     * the failure's code for it, RuntimeInconsistency for the ops after it (never tried).
     */
    record Error(ErrorCode code) implements OpResult {
        public Error {
            Objects.requireNonNull(code, "code");
        }
    }

    /** One result per op of a multi, in order. */
    record MultiResult(List<OpResult> results) implements OpResult {
        public MultiResult {
            results = List.copyOf(results);
        }

        public ErrorCode code() {
            for (OpResult result : results) {
                if (result.code() != ErrorCode.OK) {
                    return result.code();
                }
            }
            return ErrorCode.OK;
        }
    }
}
