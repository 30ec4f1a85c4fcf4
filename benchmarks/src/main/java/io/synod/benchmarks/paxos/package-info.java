/**
 * Multi-Paxos benchmarks: three replicas in one JVM over the in-JVM network, with memory or
 * file storage, batching on and off; throughput, single-client latency and an fsync baseline.
 */
package io.synod.benchmarks.paxos;
