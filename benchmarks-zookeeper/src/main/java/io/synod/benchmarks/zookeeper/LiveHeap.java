package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of live objects in another JVM's heap: {@code jcmd <pid> GC.class_histogram} runs a full
 * collection first and then counts only what is reachable, so its total is the retained heap, free of the
 * garbage and the region slack that {@code GC.heap_info} would include.
 */
final class LiveHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final long BOUND_SECONDS = 300;

    private LiveHeap() {
    }

    /** The live bytes of process {@code pid}, measured {@code samples} times; the smallest is returned. */
    static long bytes(long pid, int samples) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < samples; i++) {
            least = Math.min(least, once(pid));
        }
        return least;
    }

    private static long once(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p;
        try {
            p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"))
                .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        }
        try {
            // the histogram can be long (a line per class): read it all before waiting, or jcmd blocks on its pipe
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.class_histogram failed: "
                    + out.substring(0, Math.min(500, out.length())));
            }
            Matcher m = TOTAL.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no Total line in the class histogram of " + pid);
            }
            return Long.parseLong(m.group(2));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read jcmd's answer for " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }
}
