/** JMH benchmarks of the write-ahead log against a raw write-and-force loop on the same disk, in the same run. */
package io.synod.benchmarks.storage;
