/**
 * Synod's coordination service against Apache ZooKeeper 3.9.5, side by side on one machine.
 *
 * <p>Three layers, each usable alone:
 * <ul>
 *   <li>The load driver ({@link io.synod.benchmarks.zookeeper.LoadDriver}): K sessions of the official client,
 *       each keeping W asynchronous requests in flight (setData, create-sequential, getData, 90/10 read/write),
 *       or Curator's InterProcessMutex; warm-up, then measured iterations of wall time, each giving one ops/s
 *       figure, and an HdrHistogram of latencies. It knows nothing of the server behind the connect string.</li>
 *   <li>Ensembles of processes ({@link io.synod.benchmarks.zookeeper.Ensemble}): N servers of one
 *       {@link io.synod.benchmarks.zookeeper.SystemKind} on 127.0.0.1, free ports, fsync on, the same -Xmx; kill
 *       (SIGKILL) and restart of one server; every process stopped by its own handle, and by a shutdown hook
 *       if the run is cut short.</li>
 *   <li>The comparison ({@link io.synod.benchmarks.zookeeper.CompareMain}): every workload against every system
 *       in turn, the order reversed every other round, then failover and restart times, then the report.</li>
 * </ul>
 *
 * <p>Every figure is printed beside ZooKeeper's from the same run, as a ratio whose spread pairs the worst and
 * best iterations: the machine is shared, and only figures measured side by side can be compared.
 *
 * <pre>{@code
 * Ensemble zk = Ensemble.start(SystemKind.ZOOKEEPER, 3, dir, classPath, "2g");
 * LoadResult r = LoadDriver.run(SystemKind.ZOOKEEPER, zk.connectString(), Workload.SET_DATA,
 *     new LoadSpec(16, 16, 100, 1, 3, Duration.ofSeconds(2)), () -> CpuUse.nanosOf(zk.pids()));
 * System.out.println(r.medianOps() + " ops/s, p99 " + r.p99() + " us");
 * zk.close();   // every server stopped by PID
 * }</pre>
 */
package io.synod.benchmarks.zookeeper;
