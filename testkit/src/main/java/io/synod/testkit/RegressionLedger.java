package io.synod.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds that once failed, replayed before the fresh seeds on every build so a fixed bug stays
 * fixed. The ledger is the test resource {@value #RESOURCE} of the module under test, one entry
 * a line: {@code TestClass#method seed}, with {@code #} comments and blank lines allowed.
 *
 * <pre>
 * # a crash between persist and send lost an acknowledged entry (fixed in 4f2a9c1)
 * MultiPaxosConformanceTest#crashes3 1729
 * </pre>
 */
public final class RegressionLedger {

    /** The classpath resource holding the ledger. */
    public static final String RESOURCE = "synod-regressions.txt";

    private RegressionLedger() {
    }

    /** The ledger's seeds for one test, in file order. */
    public static List<Long> seeds(Class<?> testClass, String method) {
        ClassLoader loader = testClass.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? List.of() : parse(in, testClass.getSimpleName() + "#" + method);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the regression ledger " + RESOURCE, e);
        }
    }

    static List<Long> parse(InputStream in, String key) throws IOException {
        List<Long> seeds = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf(" #");
            String content = (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] parts = content.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": expected 'TestClass#method seed', got '" + line + "'");
            }
            if (parts[0].equals(key)) {
                try {
                    seeds.add(Long.parseLong(parts[1]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(RESOURCE + " line " + number + ": '" + parts[1] + "' is not a seed", e);
                }
            }
        }
        return seeds;
    }
}
