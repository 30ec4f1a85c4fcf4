/**
 * Transport benchmarks: the TCP transport's one-way throughput and round trip between two nodes
 * on loopback, beside a plain blocking-socket round trip measured in the same run.
 */
package io.synod.benchmarks.transport;
