package io.synod.examples.node;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three {@code synod-node} processes on loopback for one test, as a JUnit extension: whatever the
 * test does, every child is SIGKILLed through its handle after it, and if the test failed, the
 * seed, a command to rerun it and the tail of every child's output are printed first. Files live
 * under {@code target/node-tests/<test>/}: configurations, data directories, outputs.
 *
 * <p>Waits poll a condition (a node's answer to {@code STATUS} or {@code DIGEST}) with generous
 * bounds, never a fixed sleep: the machine running the test may be slow and loaded.
 */
final class ProcessCluster implements AfterTestExecutionCallback, AfterEachCallback {

    static final int[] IDS = {1, 2, 3};
    private static final Duration ANSWER = Duration.ofSeconds(30);

    final long seed;
    private final String protocol;
    private final Map<String, String> extra;
    private final Map<Integer, NodeProcess> nodes = new HashMap<>();
    private final Map<Integer, NodeClient> probes = new ConcurrentHashMap<>();
    private Path dir;

    ProcessCluster(String protocol, Map<String, String> extraSettings) {
        this.protocol = protocol;
        this.extra = Map.copyOf(extraSettings);
        String given = System.getProperty("synod.node.seed");
        this.seed = given != null ? Long.parseLong(given) : System.nanoTime();
    }

    /** Writes the configurations (ports drawn from the seed) and starts every node. */
    void start(String test) {
        dir = Path.of("target", "node-tests", test).toAbsolutePath();
        deleteTree(dir);
        List<Integer> ports = FreePorts.pick(2 * IDS.length, seed);
        try {
            Files.createDirectories(dir);
            Path secret = dir.resolve("secret");
            Files.writeString(secret, "node test secret, not a secret\n");
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            for (int i = 0; i < IDS.length; i++) {
                int id = IDS[i];
                StringBuilder text = new StringBuilder();
                text.append("node.id=").append(id).append('\n');
                for (int j = 0; j < IDS.length; j++) {
                    text.append("member.").append(IDS[j]).append("=127.0.0.1:").append(ports.get(j)).append('\n');
                }
                text.append("data.dir=data/node-").append(id).append('\n')
                    .append("protocol=").append(protocol).append('\n')
                    .append("cluster.id=node-test\n")
                    .append("cluster.secret.file=secret\n")
                    .append("client.port=").append(ports.get(IDS.length + i)).append('\n')
                    .append("log.segment.bytes=1048576\n");
                extra.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                Path config = dir.resolve("node-" + id + ".properties");
                Files.writeString(config, text, StandardCharsets.UTF_8);
                nodes.put(id, new NodeProcess(id, "node-" + id, config, ports.get(IDS.length + i), dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(test + ": seed " + seed + ", files in " + dir);
        nodes.values().forEach(NodeProcess::start);
        for (int id : IDS) {
            awaitServing(id);
        }
    }

    NodeProcess node(int id) {
        return nodes.get(id);
    }

    int clientPort(int id) {
        return nodes.get(id).clientPort;
    }

    /** SIGKILLs a node through its handle and waits until it is gone. */
    void kill(int id) {
        dropProbe(id);
        nodes.get(id).kill();
    }

    /** Starts a node again from its data directory and waits until its client port answers. */
    void restart(int id) {
        dropProbe(id);
        nodes.get(id).start();
        awaitServing(id);
    }

    /** Asks one node, on a connection kept for the test's own probes. */
    String ask(int id, String request) throws IOException {
        NodeClient client = probes.get(id);
        if (client == null) {
            client = NodeClient.connect(clientPort(id), ANSWER);
            probes.put(id, client);
        }
        try {
            return client.request(request);
        } catch (IOException e) {
            dropProbe(id);
            throw e;
        }
    }

    /** A node's {@code STATUS} as fields, or an empty map if it does not answer. */
    Map<String, String> status(int id) {
        Map<String, String> fields = new HashMap<>();
        try {
            String answer = ask(id, "STATUS");
            if (answer.startsWith("OK ")) {
                for (String pair : answer.substring(3).split(" ")) {
                    int eq = pair.indexOf('=');
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // not serving (yet): no fields
        }
        return fields;
    }

    /**
     * Waits until one of {@code among} leads and the others of them that run follow it.
     *
     * @return the leader's id
     */
    int awaitLeader(Duration bound, int... among) {
        int[] leader = {-1};
        await(bound, "a leader among nodes " + java.util.Arrays.toString(among), () -> {
            Map<Integer, String> claims = new HashMap<>();
            for (int id : among) {
                claims.put(id, status(id).get("leader"));
            }
            for (int id : among) {
                Map<String, String> s = status(id);
                if ("leader".equals(s.get("role")) && String.valueOf(id).equals(s.get("leader"))
                    && claims.values().stream().allMatch(c -> String.valueOf(id).equals(c))) {
                    leader[0] = id;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /** The commit index a node reports. */
    long commitIndex(int id) {
        return Long.parseLong(status(id).getOrDefault("commit", "-1"));
    }

    /** Waits until node {@code id} has applied at least {@code index}. */
    void awaitApplied(int id, long index, Duration bound) {
        await(bound, "node " + id + " to apply index " + index, () ->
            Long.parseLong(status(id).getOrDefault("applied", "-1")) >= index);
    }

    /** Waits until every node answers the same {@code DIGEST} (last command's index and state hash), and returns it. */
    String awaitConverged(Duration bound) {
        String[] agreed = {null};
        await(bound, "all nodes to report the same digest", () -> {
            List<String> digests = new ArrayList<>();
            for (int id : IDS) {
                try {
                    digests.add(ask(id, "DIGEST"));
                } catch (IOException e) {
                    return false;
                }
            }
            agreed[0] = digests.get(0);
            return agreed[0].startsWith("OK ") && digests.stream().allMatch(agreed[0]::equals);
        }, () -> {
            StringBuilder last = new StringBuilder();
            for (int id : IDS) {
                try {
                    last.append(" node ").append(id).append(": ").append(ask(id, "DIGEST"));
                } catch (IOException e) {
                    last.append(" node ").append(id).append(": ").append(e.getMessage());
                }
            }
            return last.toString();
        });
        return agreed[0];
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@code bound}, or if a node died. */
    void await(Duration bound, String what, BooleanSupplier condition) {
        await(bound, what, condition, () -> "");
    }

    private void await(Duration bound, String what, BooleanSupplier condition, java.util.function.Supplier<String> detail) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + bound.toSeconds() + " s for " + what + detail.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private void awaitServing(int id) {
        NodeProcess node = nodes.get(id);
        await(Duration.ofSeconds(60), "node " + id + " to serve its client port", () -> {
            if (!node.isAlive()) {
                fail("node " + id + " exited with status " + node.waitFor(Duration.ofSeconds(1)) + ":\n" + node.currentErrors());
            }
            return "RUNNING".equals(status(id).get("state"));
        });
    }

    private void dropProbe(int id) {
        NodeClient client = probes.remove(id);
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // closing a probe of a node that is going away
            }
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            StringBuilder report = new StringBuilder();
            report.append("\n===== ").append(context.getDisplayName()).append(" failed; seed ").append(seed)
                .append("; rerun: mvn -B -pl examples -am test -Dtest=").append(context.getRequiredTestClass().getSimpleName())
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.node.seed=").append(seed)
                .append(" (the seed fixes ports, keys and values; process timing is the machine's)\n")
                .append("files: ").append(dir).append('\n');
            for (int id : IDS) {
                NodeProcess node = nodes.get(id);
                if (node != null) {
                    report.append(node.tails(80));
                }
            }
            System.out.println(report);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int id : IDS) {
            dropProbe(id);
        }
        for (NodeProcess node : nodes.values()) {
            node.kill();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + root, e);
        }
    }
}
