/**
 * The replication demo the README runs: three Multi-Paxos replicas in one JVM, each printing the
 * commands it applied.
 */
package io.synod.examples.demo;
