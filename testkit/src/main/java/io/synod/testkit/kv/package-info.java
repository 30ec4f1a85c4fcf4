/**
 * The example replicated key-value store: {@link io.synod.testkit.kv.KvOp} (operations, their
 * encoding and their meaning) and {@link io.synod.testkit.kv.KvStateMachine} (the service).
 *
 * <p>The simulator's workloads issue {@code put}, {@code get}, {@code append} and
 * {@code increment}; the last two are not idempotent, so a command applied twice after a
 * retry is visible to the linearizability checker.
 *
 * <pre>{@code
 * StateMachine kv = new KvStateMachine();
 * kv.apply(ctx, KvOp.append("k", "a").encode()); // "a" (ctx: the ApplyContext the driver passes)
 * kv.query(KvOp.get("k").encode());              // "a"
 * SnapshotWriter view = kv.snapshot();           // a copy of the map, streamed later
 * }</pre>
 */
package io.synod.testkit.kv;
