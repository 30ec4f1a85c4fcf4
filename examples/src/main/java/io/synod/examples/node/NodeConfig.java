package io.synod.examples.node;

import io.synod.transport.tcp.TlsConfig;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node's configuration, read from a properties file, validated once, immutable afterwards.
 * Every refusal is a {@link NodeConfigException} naming the key and the reason.
 *
 * <pre>
 * # node-1.properties
 * node.id=1
 * member.1=127.0.0.1:7101
 * member.2=127.0.0.1:7102
 * member.3=127.0.0.1:7103
 * data.dir=/var/lib/synod/node-1
 * protocol=multi-paxos
 * cluster.id=orders
 * cluster.secret.file=/etc/synod/secret
 * client.port=7201
 * </pre>
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@value #NODE_ID}</td><td>this node's id; one of the members</td><td>required</td></tr>
 * <tr><td>{@code member.<id>}</td><td>{@code host:port} where member {@code id} listens for its peers</td><td>at least this node</td></tr>
 * <tr><td>{@value #DATA_DIR}</td><td>the data directory (log, hard state, snapshots)</td><td>required</td></tr>
 * <tr><td>{@value #PROTOCOL}</td><td>{@code multi-paxos} or {@code basic-paxos}</td><td>required</td></tr>
 * <tr><td>{@value #CLUSTER_ID}</td><td>the cluster's name, recorded in the data directory and checked in the handshake</td><td>required</td></tr>
 * <tr><td>{@value #CLUSTER_SECRET} or {@value #CLUSTER_SECRET_FILE}</td><td>the shared secret (UTF-8 text, or a file's bytes less
 *     one trailing newline), at least 16 bytes; exactly one of the two</td><td>required</td></tr>
 * <tr><td>{@value #CLIENT_PORT}</td><td>the client port on 127.0.0.1 (0 picks a free one)</td><td>required</td></tr>
 * <tr><td>{@value #CLIENT_ADMIN}</td><td>whether clients may {@code BLOCK} and {@code UNBLOCK} peers (partition tests)</td><td>false</td></tr>
 * <tr><td>{@value #BIND_ADDRESS}</td><td>the interface peers are accepted on</td><td>127.0.0.1</td></tr>
 * <tr><td>{@value #PID_FILE}</td><td>where the process writes its id while it runs</td><td>{@code <data.dir>/synod-node.pid}</td></tr>
 * <tr><td>{@value #TLS_KEYSTORE}, {@value #TLS_KEYSTORE_PASSWORD}, {@value #TLS_TRUSTSTORE},
 *     {@value #TLS_TRUSTSTORE_PASSWORD}</td><td>PKCS12 stores for mutual TLS between peers; all four or none</td><td>no TLS</td></tr>
 * <tr><td>{@value #TLS_VERIFY_HOSTNAME}</td><td>whether a dialer checks that the peer's certificate names the address dialed</td><td>true</td></tr>
 * <tr><td>{@value #TICK_MS}</td><td>milliseconds per protocol tick</td><td>50</td></tr>
 * <tr><td>{@value #REQUEST_TIMEOUT_MS}</td><td>how long a client's request may take before it fails with TIMEOUT</td><td>10000</td></tr>
 * <tr><td>{@value #SNAPSHOT_EVERY}</td><td>applied entries between snapshots</td><td>10000</td></tr>
 * <tr><td>{@value #LOG_RETENTION}</td><td>log entries kept below each snapshot, so that a peer lagging by fewer
 *     catches up from the log instead of a whole snapshot</td><td>5000</td></tr>
 * <tr><td>{@value #LOG_SEGMENT_BYTES}</td><td>bytes preallocated per log segment</td><td>67108864</td></tr>
 * <tr><td>{@value #MAX_FRAME_BYTES}</td><td>largest message between peers; a larger one is dropped, so it must hold the
 *     largest batch of commands (snapshots travel in chunks of 256 KiB)</td><td>4194304</td></tr>
 * </table>
 *
 * <p>Relative paths are resolved against the directory of the configuration file. Unknown keys are
 * refused, so that a misspelt key is not silently ignored.
 */
public final class NodeConfig {

    public static final String NODE_ID = "node.id";
    public static final String MEMBER_PREFIX = "member.";
    public static final String DATA_DIR = "data.dir";
    public static final String PROTOCOL = "protocol";
    public static final String CLUSTER_ID = "cluster.id";
    public static final String CLUSTER_SECRET = "cluster.secret";
    public static final String CLUSTER_SECRET_FILE = "cluster.secret.file";
    public static final String CLIENT_PORT = "client.port";
    public static final String CLIENT_ADMIN = "client.admin";
    public static final String BIND_ADDRESS = "bind.address";
    public static final String PID_FILE = "pid.file";
    public static final String TLS_KEYSTORE = "tls.keystore";
    public static final String TLS_KEYSTORE_PASSWORD = "tls.keystore.password";
    public static final String TLS_TRUSTSTORE = "tls.truststore";
    public static final String TLS_TRUSTSTORE_PASSWORD = "tls.truststore.password";
    public static final String TLS_VERIFY_HOSTNAME = "tls.verify.hostname";
    public static final String TICK_MS = "tick.ms";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String SNAPSHOT_EVERY = "snapshot.every";
    public static final String LOG_RETENTION = "log.retention";
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String MAX_FRAME_BYTES = "max.frame.bytes";

    /** Every key besides {@code member.<id>}: {@link NodeConfigReading} refuses any other. */
    static final Set<String> KEYS = Set.of(NODE_ID, DATA_DIR, PROTOCOL, CLUSTER_ID, CLUSTER_SECRET,
        CLUSTER_SECRET_FILE, CLIENT_PORT, CLIENT_ADMIN, BIND_ADDRESS, PID_FILE, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD,
        TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD, TLS_VERIFY_HOSTNAME, TICK_MS, REQUEST_TIMEOUT_MS, SNAPSHOT_EVERY,
        LOG_RETENTION, LOG_SEGMENT_BYTES, MAX_FRAME_BYTES);

    private final int nodeId;
    private final SortedMap<Integer, InetSocketAddress> members;
    private final Path dataDir;
    private final ProtocolChoice protocol;
    private final String clusterId;
    private final byte[] secret;
    private final int clientPort;
    private final boolean adminCommands;
    private final InetAddress bindAddress;
    private final Path pidFile;
    private final TlsConfig tls;
    private final Duration tick;
    private final Duration requestTimeout;
    private final long snapshotEvery;
    private final long logRetention;
    private final int segmentBytes;
    private final int maxFrameBytes;
    private final String warning;

    private NodeConfig(NodeConfigReading r) {
        this.nodeId = r.nodeId;
        this.members = Collections.unmodifiableSortedMap(new TreeMap<>(r.members));
        this.dataDir = r.dataDir;
        this.protocol = r.protocol;
        this.clusterId = r.clusterId;
        this.secret = r.secret;
        this.clientPort = r.clientPort;
        this.adminCommands = r.adminCommands;
        this.bindAddress = r.bindAddress;
        this.pidFile = r.pidFile;
        this.tls = r.tls;
        this.tick = r.tick;
        this.requestTimeout = r.requestTimeout;
        this.snapshotEvery = r.snapshotEvery;
        this.logRetention = r.logRetention;
        this.segmentBytes = r.segmentBytes;
        this.maxFrameBytes = r.maxFrameBytes;
        this.warning = r.warning;
    }

    /**
     * Reads and validates a configuration file.
     *
     * @throws NodeConfigException naming the key at fault and why, or the file if it cannot be read
     */
    public static NodeConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new NodeConfigException("(file)", "cannot read " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return from(properties, base);
    }

    /**
     * Validates a configuration given as properties; relative paths are resolved against {@code base}.
     *
     * @throws NodeConfigException naming the key at fault and why
     */
    public static NodeConfig from(Properties properties, Path base) {
        return new NodeConfig(new NodeConfigReading(properties, base));
    }

    public int nodeId() {
        return nodeId;
    }

    /** Every member's address for its peers, by id, this node's included. */
    public SortedMap<Integer, InetSocketAddress> members() {
        return members;
    }

    public int[] memberIds() {
        return members.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    public Path dataDir() {
        return dataDir;
    }

    public ProtocolChoice protocol() {
        return protocol;
    }

    public String clusterId() {
        return clusterId;
    }

    /** A copy of the shared secret. */
    public byte[] secret() {
        return secret.clone();
    }

    /** The client port on 127.0.0.1; 0 means any free one. */
    public int clientPort() {
        return clientPort;
    }

    /** Whether clients may block and unblock peers. */
    public boolean adminCommands() {
        return adminCommands;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    public Path pidFile() {
        return pidFile;
    }

    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    public Duration tick() {
        return tick;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public long snapshotEvery() {
        return snapshotEvery;
    }

    public long logRetention() {
        return logRetention;
    }

    public int segmentBytes() {
        return segmentBytes;
    }

    /** The largest frame this node sends or accepts. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Something legal but unwise the reading noticed (a secret file others may read), if any. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** A one-line description for the log; the secret and passwords are left out. */
    public String describe() {
        return "node " + nodeId + " of cluster " + clusterId + " (" + protocol.configName() + "), members " + members
            + ", data " + dataDir + ", peers on " + bindAddress.getHostAddress() + ", TLS " + (tls == null ? "off" : "on");
    }
}
