/**
 * Traces of simulated runs: {@link io.synod.testkit.trace.Trace} records one
 * {@link io.synod.testkit.trace.TraceEvent} per send, delivery, loss, crash, restart, partition,
 * clog, client invocation and response, and commit; it writes them as JSON lines and hashes them
 * (the determinism test compares the hashes of two runs of one seed).
 * {@link io.synod.testkit.trace.TraceRenderer} draws a run as a message sequence diagram in a
 * self-contained HTML page — the quickest way to see how a protocol behaves.
 *
 * <pre>{@code
 * SimulationResult<?, ?> r = Simulation.run(config.withTrace(true));
 * r.trace().writeJsonLines(Path.of("target/run.jsonl"));
 * TraceRenderer.write(r.trace(), 3, "seed 42", 3000, Path.of("target/run.html"));
 * }</pre>
 */
package io.synod.testkit.trace;
