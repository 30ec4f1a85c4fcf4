package io.synod.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

/** Runs a {@link SimulationTest} once per seed and names the failing seed's replay command. */
public final class SeedExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(SimulationTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        SimulationTest annotation = method.getAnnotation(SimulationTest.class);
        int count = annotation.seeds() > 0 ? annotation.seeds() : SeedRunner.seedCount(ReplicationConformanceSuite.DEFAULT_SEEDS);
        Repro repro = Repro.of(context.getRequiredTestClass(), method.getName());
        return SeedRunner.seeds(count, repro).stream().map(seed -> invocation(seed, repro));
    }

    private static TestTemplateInvocationContext invocation(long seed, Repro repro) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "seed " + seed;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new SeedParameter(seed), new ReplayHint(seed, repro));
            }
        };
    }

    private record SeedParameter(long seed) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == long.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) throws ParameterResolutionException {
            return seed;
        }
    }

    private record ReplayHint(long seed, Repro repro) implements TestExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
            String hint = "replay: " + repro.command(seed);
            if (thrown instanceof AssertionError && String.valueOf(thrown.getMessage()).contains(hint)) {
                throw thrown;
            }
            AssertionError wrapped = new AssertionError("seed " + seed + " failed: " + thrown.getMessage() + "\n" + hint, thrown);
            throw wrapped;
        }
    }
}
