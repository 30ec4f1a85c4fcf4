/**
 * Transport benchmarks: the TCP transport's one-way throughput and round trip between two nodes
 * on loopback, beside a plain blocking-socket round trip measured in the same run
 * ({@code TcpTransportBenchmark}); one client's write latency on three Multi-Paxos replicas over
 * the in-JVM network and over TCP ({@code ReplicatedWriteBenchmark}); and two diagnoses, main
 * classes: where a round trip's time goes ({@code RoundTripBreakdown}) and where a commit's does
 * ({@code CommitTimeline}).
 */
package io.synod.benchmarks.transport;
