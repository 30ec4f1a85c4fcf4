/**
 * Transport benchmarks: the TCP transport's one-way throughput and round trip between two nodes
 * on loopback, beside a plain blocking-socket round trip measured in the same run
 * ({@code TcpTransportBenchmark}); one client's write latency on three Multi-Paxos replicas over
 * the in-JVM network and over TCP ({@code ReplicatedWriteBenchmark}); and a diagnosis of where a
 * round trip's time goes ({@code RoundTripBreakdown}, a main class).
 */
package io.synod.benchmarks.transport;
