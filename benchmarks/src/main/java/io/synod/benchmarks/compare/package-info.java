/**
 * The protocol comparison: every protocol under the same load, and every protocol's cost per
 * operation counted beside what the literature predicts.
 *
 * <ul>
 *   <li><b>Measured</b> ({@link io.synod.benchmarks.compare.CompareMain}): for each
 *       {@link io.synod.benchmarks.compare.Scenario} of a {@link io.synod.benchmarks.compare.Profile},
 *       a replica or commit group is started, a closed loop of clients runs warm-up and measured
 *       iterations of a fixed length, and the report gives each iteration's throughput (the
 *       {@link io.synod.benchmarks.compare.Spread}: min, median, max, iterations outside ±25%),
 *       HdrHistogram latency percentiles, per-operation messages, bytes and fsyncs, and the ratio to
 *       a baseline measured in the same run.</li>
 *   <li><b>Counted</b> ({@link io.synod.benchmarks.compare.LockstepLog},
 *       {@link io.synod.benchmarks.compare.LockstepCommit}): the protocol cores driven by hand in
 *       waves, so a message's wave is its hop count; messages, bytes, forced writes and message
 *       delays of one operation in the steady state, compared with a
 *       {@link io.synod.benchmarks.compare.Prediction} by {@link io.synod.benchmarks.compare.CostCheck}.
 *       No clock and no thread: the same figures on any machine.</li>
 * </ul>
 *
 * <pre>{@code
 * List<OperationCost> costs = Protocols.count("zab", 3, 10);            // lockstep, one at a time
 * List<String> wrong = CostCheck.mismatches(Prediction.of("zab", 3), costs);   // empty: as predicted
 * Comparison c = CompareMain.run(Profile.named("tiny"), Path.of("out"), Path.of("/tmp"), "tiny");
 * }</pre>
 */
package io.synod.benchmarks.compare;
