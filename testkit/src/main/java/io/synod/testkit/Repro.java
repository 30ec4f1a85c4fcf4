package io.synod.testkit;

import java.nio.file.Path;

/**
 * How to replay one seed of one test from the command line.
 *
 * @param module    the Maven module (directory) the test lives in
 * @param testClass the test class
 * @param method    the test method
 */
public record Repro(String module, Class<?> testClass, String method) {

    /** A repro for a test of the module Surefire runs from (its {@code basedir}). */
    public static Repro of(Class<?> testClass, String method) {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir", "."));
        Path dir = Path.of(basedir).getFileName();
        return new Repro(dir == null ? "." : dir.toString(), testClass, method);
    }

    /**
     * The one-line command that replays {@code seed} from the project root of a clean clone: it
     * builds the modules the test needs ({@code -am}) without running their tests.
     */
    public String command(long seed) {
        return "mvn -pl " + module + " -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest="
            + testClass.getSimpleName() + "#" + method + " -Dsynod.seed=" + seed;
    }

    /** The line that adds {@code seed} to the regression ledger. */
    public String ledgerLine(long seed) {
        return testClass.getSimpleName() + "#" + method + " " + seed;
    }
}
