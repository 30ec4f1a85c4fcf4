/**
 * Histories and the linearizability checker.
 *
 * <p>A {@link io.synod.testkit.lin.History} records what clients saw; a
 * {@link io.synod.testkit.lin.Model} states what the object should do sequentially;
 * {@link io.synod.testkit.lin.LinearizabilityChecker} decides whether the first could have come
 * from the second (Wing–Gong search with memoisation and per-key partitioning, as Porcupine).
 * Operations whose answer never arrived are indeterminate: they may take effect at any point
 * after their invocation, or never. Plug in your own model for your own state machine.
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
