package io.synod.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The benchmarks that exist, found two independent ways so that neither can silently miss one:
 * by reflection over every compiled class of this package tree (the {@code @Benchmark} methods a
 * reader sees), and from the list JMH's annotation processor generated
 * ({@code META-INF/BenchmarkList}, what the runnable jar can run). Names are JMH's:
 * {@code io.synod.benchmarks.storage.LogAppendBenchmark.logOneAppender}.
 */
final class DeclaredBenchmarks {

    private static final String PACKAGE = "io.synod.benchmarks";

    private DeclaredBenchmarks() {
    }

    /** Every {@code @Benchmark} method of every class compiled under this package. */
    static SortedSet<String> byReflection() {
        SortedSet<String> names = new TreeSet<>();
        ClassLoader loader = DeclaredBenchmarks.class.getClassLoader();
        try {
            Enumeration<URL> roots = loader.getResources(PACKAGE.replace('.', '/'));
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (!"file".equals(root.getProtocol())) {
                    throw new IllegalStateException("benchmark classes expected in a directory, found " + root);
                }
                Path dir = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                        String className = PACKAGE + "." + relative.substring(0, relative.length() - ".class".length());
                        if (!className.contains(".jmh_generated.")) {
                            addBenchmarks(Class.forName(className, false, loader), names);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static void addBenchmarks(Class<?> type, SortedSet<String> names) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                names.add(type.getName() + "." + m.getName());
            }
        }
    }

    /** Every benchmark in the list JMH generated and runs from. */
    static SortedSet<String> inJmhList() {
        SortedSet<String> names = new TreeSet<>();
        try (InputStream in = DeclaredBenchmarks.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            if (in == null) {
                throw new IllegalStateException(BenchmarkList.BENCHMARK_LIST + " is missing: was the JMH annotation processor run?");
            }
            for (BenchmarkListEntry entry : BenchmarkList.readBenchmarkList(in)) {
                names.add(entry.getUsername());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
