/**
 * Histories, the linearizability checker and the sequential consistency checker.
 *
 * <p>A {@link io.synod.testkit.lin.History} records what clients saw; a
 * {@link io.synod.testkit.lin.Model} states what the object should do sequentially;
 * {@link io.synod.testkit.lin.LinearizabilityChecker} decides whether the first could have come
 * from the second (Wing–Gong search with memoisation and per-key partitioning, as Porcupine).
 * Operations whose answer never arrived are indeterminate: they may take effect at any point
 * after their invocation, or never. Plug in your own model for your own state machine.
 *
 * <p>Local reads (answered from one node's own state) are judged by
 * {@link io.synod.testkit.lin.SequentialConsistencyChecker} instead: given where each update took
 * effect in the log ({@link io.synod.testkit.lin.LogOrder}), it places every read on a prefix of
 * the log no older than what its client had seen or written, or reports the read that went back
 * in time. The same stale read as below is sequentially consistent; seeing the write and then
 * not seeing it is not.
 *
 * <pre>{@code
 * History<KvOp, String> h = new History<>();
 * int w = h.invoke(1, KvOp.put("x", "1"), 0);
 * h.respond(w, "ok", 10);
 * int r = h.invoke(2, KvOp.get("x"), 20);
 * h.respond(r, "", 30);                                   // stale read
 * CheckResult<KvOp, String> result = LinearizabilityChecker.check(new KvModel(), h.operations());
 * assert !result.isLinearizable();
 * }</pre>
 */
package io.synod.testkit.lin;
