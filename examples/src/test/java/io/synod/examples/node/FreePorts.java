package io.synod.examples.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ports for child nodes, which must keep them across restarts. Drawn below the kernel's ephemeral
 * range, so that no outgoing connection of any process is given one of them while its node is
 * down, and each checked free on 127.0.0.1 when drawn; the seed decides where the search starts.
 */
final class FreePorts {

    private static final int LOWEST = 20_000;

    private FreePorts() {
    }

    static List<Integer> pick(int count, long seed) {
        int highest = ephemeralLow() - 1;
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> ports = new ArrayList<>();
        for (int attempt = 0; ports.size() < count && attempt < 10_000; attempt++) {
            int port = random.nextInt(LOWEST, highest + 1);
            if (!ports.contains(port) && free(port)) {
                ports.add(port);
            }
        }
        if (ports.size() < count) {
            throw new IllegalStateException("found only " + ports.size() + " free ports of " + count + " in " + LOWEST + ".." + highest);
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The start of the ephemeral range on Linux, or the IANA default elsewhere. */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(LOWEST + 100, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
