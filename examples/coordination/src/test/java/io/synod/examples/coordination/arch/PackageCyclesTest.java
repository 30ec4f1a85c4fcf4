package io.synod.examples.coordination.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordination service's packages form a hierarchy: the tools ({@code admin}) define the views they read
 * and the server implements them, the tree knows nothing of the server, and so on. A cycle between two
 * packages means neither can be understood, tested or replaced without the other.
 */
class PackageCyclesTest {

    private static final String ROOT = "io.synod.examples.coordination";

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);

    static ArchRule noPackageCycles() {
        return slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void theRuleSeesEveryPackage() {
        for (String p : new String[] {"admin", "server", "tree", "wire", "watch", "session", "acl", "metrics"}) {
            assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().equals(ROOT + "." + p)), p + " was imported");
        }
    }

    @Test
    void noCycleBetweenPackages() {
        noPackageCycles().check(MAIN);
    }
}
