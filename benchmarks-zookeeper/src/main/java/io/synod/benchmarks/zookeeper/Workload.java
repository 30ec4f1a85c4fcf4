package io.synod.benchmarks.zookeeper;

/** What the driver's sessions ask for, in the names the comparison prints. */
public enum Workload {

    /** setData on the session's own znode; K sessions x W outstanding. */
    SET_DATA("setData", true),
    /** setData with one session and one request outstanding: the latency of a lone write. */
    SET_DATA_SINGLE("setData 1x1", true),
    /** create of a PERSISTENT_SEQUENTIAL child; the children are deleted after the run, outside the timing. */
    CREATE_SEQUENTIAL("create-sequential", true),
    /** getData of the session's own znode. */
    GET_DATA("getData", false),
    /** 90% getData, 10% setData, chosen per request from a seeded generator per session. */
    READ_90_WRITE_10("90/10 read/write", false),
    /** Curator InterProcessMutex acquire then release on one lock shared by all sessions (one thread each). */
    LOCK("lock acquire/release", true);

    private final String label;
    private final boolean write;

    Workload(String label, boolean write) {
        this.label = label;
        this.write = write;
    }

    public String label() {
        return label;
    }

    /** Whether the write goals apply (else the read goals, or none). */
    public boolean isWrite() {
        return write;
    }
}
