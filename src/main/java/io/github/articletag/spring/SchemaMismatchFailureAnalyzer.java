package io.github.articletag.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Boot's start-up failure report for {@link SchemaMismatchException}: the differences, then what to do. */
final class SchemaMismatchFailureAnalyzer extends AbstractFailureAnalyzer<SchemaMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaMismatchException cause) {
        return new FailureAnalysis(SchemaMismatchException.describe(cause.getProblems()), SchemaMismatchException.ACTION,
                cause);
    }
}
