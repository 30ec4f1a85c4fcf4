/** JMH benchmarks of quorum systems: a round of vote counting per tracker kind, and construction with its intersection check. */
package io.synod.benchmarks.quorum;
