package io.synod.examples.node;

import io.synod.transport.tcp.TcpTransportConfig;
import io.synod.transport.tcp.TlsConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.synod.examples.node.NodeConfig.*;

/**
 * Reads one properties object into the fields of a {@link NodeConfig}, refusing the first bad key.
 *
 * <p>Apart from {@link NodeConfig} so that the value stays a plain list of what was decided and this class the
 * one place that knows the rules: each key's kind and range, the defaults, and the checks across keys
 * (the node among the members, the client port not its peer port, TLS all or nothing).
 */
final class NodeConfigReading {
    private final PropertyValues values;
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

    NodeConfigReading(Properties properties, Path base) {
        this.values = new PropertyValues(properties, base);
        refuseUnknownKeys();
        nodeId = (int) values.number(NODE_ID, null, 0, io.synod.api.ProtocolContext.MAX_NODE_ID);
        readMembers();
        dataDir = values.path(DATA_DIR, null);
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new NodeConfigException(DATA_DIR, dataDir + " exists and is not a directory");
        }
        protocol = protocol();
        clusterId = clusterId();
        secret = secret();
        clientPort = (int) values.number(CLIENT_PORT, null, 0, 65_535);
        adminCommands = values.flag(CLIENT_ADMIN, false);
        bindAddress = bindAddress();
        InetSocketAddress own = members.get(nodeId);
        if (clientPort != 0 && clientPort == own.getPort() && own.getAddress().isLoopbackAddress()) {
            throw new NodeConfigException(CLIENT_PORT, "port " + clientPort + " is also this node's peer port (" + MEMBER_PREFIX + nodeId + ")");
        }
        pidFile = values.raw(PID_FILE) == null ? dataDir.resolve("synod-node.pid") : values.path(PID_FILE, null);
        tls = tls();
        tick = Duration.ofMillis(values.number(TICK_MS, 50L, 1, 60_000));
        requestTimeout = Duration.ofMillis(values.number(REQUEST_TIMEOUT_MS, 10_000L, 1, 3_600_000));
        if (requestTimeout.compareTo(tick) < 0) {
            throw new NodeConfigException(REQUEST_TIMEOUT_MS, "must be at least one tick (" + tick.toMillis() + " ms), was "
                + requestTimeout.toMillis());
        }
        snapshotEvery = values.number(SNAPSHOT_EVERY, 10_000L, 1, Long.MAX_VALUE);
        logRetention = values.number(LOG_RETENTION, 5_000L, 0, Long.MAX_VALUE);
        segmentBytes = (int) values.number(LOG_SEGMENT_BYTES, 64L << 20, io.synod.storage.StorageOptions.MIN_SEGMENT_SIZE,
            io.synod.storage.StorageOptions.MAX_SEGMENT_SIZE);
        maxFrameBytes = (int) values.number(MAX_FRAME_BYTES, (long) TcpTransportConfig.DEFAULT_MAX_FRAME_LENGTH, 64, 1 << 30);
    }

    private void refuseUnknownKeys() {
        for (String key : values.names()) {
            if (!KEYS.contains(key) && !key.startsWith(MEMBER_PREFIX)) {
                throw new NodeConfigException(key, "unknown key; the keys are " + new TreeSet<>(KEYS) + " and " + MEMBER_PREFIX + "<id>");
            }
        }
    }

    private void readMembers() {
        for (String key : values.names()) {
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
            InetSocketAddress address = PropertyValues.address(key, values.required(key));
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

    private ProtocolChoice protocol() {
        try {
            return ProtocolChoice.named(values.required(PROTOCOL));
        } catch (IllegalArgumentException e) {
            if (e instanceof NodeConfigException n) {
                throw n;
            }
            throw new NodeConfigException(PROTOCOL, e.getMessage());
        }
    }

    private String clusterId() {
        String id = values.required(CLUSTER_ID);
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TcpTransportConfig.MAX_NAME_LENGTH) {
            throw new NodeConfigException(CLUSTER_ID, "must fit " + TcpTransportConfig.MAX_NAME_LENGTH + " UTF-8 bytes, had " + bytes);
        }
        return id;
    }

    private byte[] secret() {
        String inline = values.raw(CLUSTER_SECRET);
        String file = values.value(CLUSTER_SECRET_FILE);
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
            Path path = values.path(CLUSTER_SECRET_FILE, null);
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
        String v = values.value(BIND_ADDRESS);
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
            given += values.raw(k) == null ? 0 : 1;
        }
        if (given == 0) {
            if (values.raw(TLS_VERIFY_HOSTNAME) != null) {
                throw new NodeConfigException(TLS_VERIFY_HOSTNAME, "is set but TLS is off (no " + TLS_KEYSTORE + ")");
            }
            return null;
        }
        for (String k : keys) {
            if (values.raw(k) == null) {
                throw new NodeConfigException(k, "is required with TLS: give all of " + String.join(", ", keys));
            }
        }
        Path keyStore = values.path(TLS_KEYSTORE, null);
        Path trustStore = values.path(TLS_TRUSTSTORE, null);
        char[] keyPassword = values.raw(TLS_KEYSTORE_PASSWORD).toCharArray();
        char[] trustPassword = values.raw(TLS_TRUSTSTORE_PASSWORD).toCharArray();
        TlsConfig loaded;
        try {
            loaded = TlsConfig.fromStores(keyStore, keyPassword, trustStore, trustPassword);
        } catch (IllegalArgumentException e) {
            String key = e.getMessage() != null && e.getMessage().contains(trustStore.toString())
                && !e.getMessage().contains(keyStore.toString()) ? TLS_TRUSTSTORE : TLS_KEYSTORE;
            throw new NodeConfigException(key, e.getMessage(), e);
        }
        return loaded.withVerifyHostname(values.flag(TLS_VERIFY_HOSTNAME, true));
    }
}
