package io.synod.examples.coordination.sim;

import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.OpResult;
import io.synod.examples.coordination.tree.Stat;

import java.util.List;

/** What a {@link TreeOp} answered. */
sealed interface TreeResult {

    /** An update's result, and where the log applied it: its zxid and the leader's time stamp. */
    record Applied(OpResult result, long zxid, long time) implements TreeResult {
    }

    /**
     * A read's answer: OK with the node's stat (and its data for getData, its sorted children for
     * getChildren), or the error code with nothing else.
     */
    record Read(ErrorCode code, String data, Stat stat, List<String> children) implements TreeResult {
    }

    /** The simulator's record of an expiry answers nothing. */
    record Expired() implements TreeResult {
    }
}
