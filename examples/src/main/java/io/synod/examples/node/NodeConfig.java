package io.synod.examples.node;

import io.synod.transport.tcp.TcpTransportConfig;
import io.synod.transport.tcp.TlsConfig;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

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

    private static final Set<String> KEYS = Set.of(NODE_ID, DATA_DIR, PROTOCOL, CLUSTER_ID, CLUSTER_SECRET,
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

    private NodeConfig(Reading r) {
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
        return new NodeConfig(new Reading(properties, base));
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

    /** Reads one properties object into fields, refusing the first bad key. */
    private static final class Reading {
        private final Properties p;
        private final Path base;
        int nodeId;
        final SortedMap<Integer, InetSocketAddress> members = new TreeMap<>();
        Path dataDir;
        ProtocolChoice protocol;
        String clusterId;
        byte[] secret;
        int clientPort;
        boolean adminCommands;
        InetAddress bindAddress;
        Path pidFile;
        TlsConfig tls;
        Duration tick;
        Duration requestTimeout;
        long snapshotEvery;
        long logRetention;
        int segmentBytes;
        int maxFrameBytes;
        String warning;

        Reading(Properties properties, Path base) {
            this.p = properties;
            this.base = base;
            refuseUnknownKeys();
            nodeId = (int) number(NODE_ID, null, 0, io.synod.api.ProtocolContext.MAX_NODE_ID);
            readMembers();
            dataDir = path(DATA_DIR, null);
            if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
                throw new NodeConfigException(DATA_DIR, dataDir + " exists and is not a directory");
            }
            protocol = protocol();
            clusterId = clusterId();
            secret = secret();
            clientPort = (int) number(CLIENT_PORT, null, 0, 65_535);
            adminCommands = flag(CLIENT_ADMIN, false);
            bindAddress = bindAddress();
            InetSocketAddress own = members.get(nodeId);
            if (clientPort != 0 && clientPort == own.getPort() && own.getAddress().isLoopbackAddress()) {
                throw new NodeConfigException(CLIENT_PORT, "port " + clientPort + " is also this node's peer port (" + MEMBER_PREFIX + nodeId + ")");
            }
            pidFile = p.getProperty(PID_FILE) == null ? dataDir.resolve("synod-node.pid") : path(PID_FILE, null);
            tls = tls();
            tick = Duration.ofMillis(number(TICK_MS, 50L, 1, 60_000));
            requestTimeout = Duration.ofMillis(number(REQUEST_TIMEOUT_MS, 10_000L, 1, 3_600_000));
            if (requestTimeout.compareTo(tick) < 0) {
                throw new NodeConfigException(REQUEST_TIMEOUT_MS, "must be at least one tick (" + tick.toMillis() + " ms), was "
                    + requestTimeout.toMillis());
            }
            snapshotEvery = number(SNAPSHOT_EVERY, 10_000L, 1, Long.MAX_VALUE);
            logRetention = number(LOG_RETENTION, 5_000L, 0, Long.MAX_VALUE);
            segmentBytes = (int) number(LOG_SEGMENT_BYTES, 64L << 20, io.synod.storage.StorageOptions.MIN_SEGMENT_SIZE,
                io.synod.storage.StorageOptions.MAX_SEGMENT_SIZE);
            maxFrameBytes = (int) number(MAX_FRAME_BYTES, (long) TcpTransportConfig.DEFAULT_MAX_FRAME_LENGTH, 64, 1 << 30);
        }

        private void refuseUnknownKeys() {
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                if (!KEYS.contains(key) && !key.startsWith(MEMBER_PREFIX)) {
                    throw new NodeConfigException(key, "unknown key; the keys are " + new TreeSet<>(KEYS) + " and " + MEMBER_PREFIX + "<id>");
                }
            }
        }

        private String value(String key) {
            String v = p.getProperty(key);
            return v == null ? null : v.strip();
        }

        private String required(String key) {
            String v = value(key);
            if (v == null || v.isEmpty()) {
                throw new NodeConfigException(key, "is required");
            }
            return v;
        }

        private long number(String key, Long fallback, long min, long max) {
            String v = value(key);
            if (v == null || v.isEmpty()) {
                if (fallback == null) {
                    throw new NodeConfigException(key, "is required (a whole number in " + min + ".." + max + ")");
                }
                return fallback;
            }
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new NodeConfigException(key, "'" + v + "' is not a whole number");
            }
            if (n < min || n > max) {
                throw new NodeConfigException(key, n + " is outside " + min + ".." + max);
            }
            return n;
        }

        private boolean flag(String key, boolean fallback) {
            String v = value(key);
            if (v == null || v.isEmpty()) {
                return fallback;
            }
            if (!v.equals("true") && !v.equals("false")) {
                throw new NodeConfigException(key, "'" + v + "' is neither true nor false");
            }
            return Boolean.parseBoolean(v);
        }

        private Path path(String key, String fallback) {
            String v = value(key);
            if (v == null || v.isEmpty()) {
                if (fallback == null) {
                    throw new NodeConfigException(key, "is required (a path)");
                }
                v = fallback;
            }
            Path path = Path.of(v);
            return (path.isAbsolute() || base == null ? path : base.resolve(path)).normalize();
        }

        private void readMembers() {
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                if (!key.startsWith(MEMBER_PREFIX)) {
                    continue;
                }
                String idText = key.substring(MEMBER_PREFIX.length());
                int id;
                try {
                    id = Integer.parseInt(idText);
                } catch (NumberFormatException e) {
                    throw new NodeConfigException(key, "'" + idText + "' is not a node id (member.<id>=host:port)");
                }
                if (id < 0 || id > io.synod.api.ProtocolContext.MAX_NODE_ID) {
                    throw new NodeConfigException(key, "node id " + id + " is outside 0.." + io.synod.api.ProtocolContext.MAX_NODE_ID);
                }
                InetSocketAddress address = address(key, required(key));
                for (Map.Entry<Integer, InetSocketAddress> other : members.entrySet()) {
                    if (other.getValue().equals(address)) {
                        throw new NodeConfigException(key, address + " is also " + MEMBER_PREFIX + other.getKey() + "'s address");
                    }
                }
                members.put(id, address);
            }
            if (!members.containsKey(nodeId)) {
                throw new NodeConfigException(MEMBER_PREFIX + nodeId, "this node (" + NODE_ID + "=" + nodeId
                    + ") must be a member; members given: " + members.keySet());
            }
            if (members.get(nodeId).getPort() == 0) {
                throw new NodeConfigException(MEMBER_PREFIX + nodeId, "this node's own peer port must be fixed (not 0): its peers dial it");
            }
        }

        private static InetSocketAddress address(String key, String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new NodeConfigException(key, "'" + text + "' is not host:port");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new NodeConfigException(key, "port '" + text.substring(colon + 1) + "' is not a number");
            }
            if (port < 1 || port > 65_535) {
                throw new NodeConfigException(key, "port " + port + " is outside 1..65535");
            }
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new NodeConfigException(key, "host '" + host + "' cannot be resolved");
            }
        }

        private ProtocolChoice protocol() {
            try {
                return ProtocolChoice.named(required(PROTOCOL));
            } catch (IllegalArgumentException e) {
                if (e instanceof NodeConfigException n) {
                    throw n;
                }
                throw new NodeConfigException(PROTOCOL, e.getMessage());
            }
        }

        private String clusterId() {
            String id = required(CLUSTER_ID);
            int bytes = id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > TcpTransportConfig.MAX_NAME_LENGTH) {
                throw new NodeConfigException(CLUSTER_ID, "must fit " + TcpTransportConfig.MAX_NAME_LENGTH + " UTF-8 bytes, had " + bytes);
            }
            return id;
        }

        private byte[] secret() {
            String inline = p.getProperty(CLUSTER_SECRET);
            String file = value(CLUSTER_SECRET_FILE);
            if (inline == null && file == null) {
                throw new NodeConfigException(CLUSTER_SECRET, "is required, or " + CLUSTER_SECRET_FILE);
            }
            if (inline != null && file != null) {
                throw new NodeConfigException(CLUSTER_SECRET_FILE, "give exactly one of " + CLUSTER_SECRET + " and " + CLUSTER_SECRET_FILE);
            }
            byte[] bytes;
            String key;
            if (inline != null) {
                key = CLUSTER_SECRET;
                bytes = inline.strip().getBytes(StandardCharsets.UTF_8);
            } else {
                key = CLUSTER_SECRET_FILE;
                Path path = path(CLUSTER_SECRET_FILE, null);
                try {
                    bytes = Files.readAllBytes(path);
                } catch (IOException e) {
                    throw new NodeConfigException(key, "cannot read " + path + ": " + e.getMessage(), e);
                }
                bytes = withoutTrailingNewline(bytes);
                warning = readableByOthers(path) ? "the cluster secret file " + path + " may be read by other users" : null;
            }
            if (bytes.length < TcpTransportConfig.MIN_SECRET_LENGTH) {
                throw new NodeConfigException(key, "the secret must have at least " + TcpTransportConfig.MIN_SECRET_LENGTH
                    + " bytes, had " + bytes.length);
            }
            return bytes;
        }

        /** A file written by {@code echo} ends in a newline that is not meant as part of the secret. */
        private static byte[] withoutTrailingNewline(byte[] bytes) {
            int n = bytes.length;
            if (n > 0 && bytes[n - 1] == '\n') {
                n--;
                if (n > 0 && bytes[n - 1] == '\r') {
                    n--;
                }
            }
            return Arrays.copyOf(bytes, n);
        }

        private static boolean readableByOthers(Path file) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                return permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ);
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }

        private InetAddress bindAddress() {
            InetSocketAddress own = members.get(nodeId);
            String v = value(BIND_ADDRESS);
            if (v == null || v.isEmpty()) {
                if (!own.getAddress().isLoopbackAddress()) {
                    throw new NodeConfigException(BIND_ADDRESS, "this node listens on 127.0.0.1 unless " + BIND_ADDRESS + " is set, but "
                        + MEMBER_PREFIX + nodeId + " is " + own + ": set " + BIND_ADDRESS + " to listen beyond this machine");
                }
                return InetAddress.getLoopbackAddress();
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(v);
            } catch (UnknownHostException e) {
                throw new NodeConfigException(BIND_ADDRESS, "'" + v + "' cannot be resolved");
            }
            if (!address.isAnyLocalAddress() && !address.equals(own.getAddress())) {
                throw new NodeConfigException(BIND_ADDRESS, address.getHostAddress() + " is not where peers dial this node ("
                    + MEMBER_PREFIX + nodeId + "=" + own + ")");
            }
            return address;
        }

        private TlsConfig tls() {
            String[] keys = {TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD};
            int given = 0;
            for (String k : keys) {
                given += p.getProperty(k) == null ? 0 : 1;
            }
            if (given == 0) {
                if (p.getProperty(TLS_VERIFY_HOSTNAME) != null) {
                    throw new NodeConfigException(TLS_VERIFY_HOSTNAME, "is set but TLS is off (no " + TLS_KEYSTORE + ")");
                }
                return null;
            }
            for (String k : keys) {
                if (p.getProperty(k) == null) {
                    throw new NodeConfigException(k, "is required with TLS: give all of " + String.join(", ", keys));
                }
            }
            Path keyStore = path(TLS_KEYSTORE, null);
            Path trustStore = path(TLS_TRUSTSTORE, null);
            char[] keyPassword = p.getProperty(TLS_KEYSTORE_PASSWORD).toCharArray();
            char[] trustPassword = p.getProperty(TLS_TRUSTSTORE_PASSWORD).toCharArray();
            TlsConfig loaded;
            try {
                loaded = TlsConfig.fromStores(keyStore, keyPassword, trustStore, trustPassword);
            } catch (IllegalArgumentException e) {
                String key = e.getMessage() != null && e.getMessage().contains(trustStore.toString())
                    && !e.getMessage().contains(keyStore.toString()) ? TLS_TRUSTSTORE : TLS_KEYSTORE;
                throw new NodeConfigException(key, e.getMessage(), e);
            }
            return loaded.withVerifyHostname(flag(TLS_VERIFY_HOSTNAME, true));
        }
    }
}
