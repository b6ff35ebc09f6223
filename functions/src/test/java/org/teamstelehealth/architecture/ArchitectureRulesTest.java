package org.teamstelehealth.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each rule of {@link Architecture} fails on a fixture package that breaks it, naming the culprit. */
class ArchitectureRulesTest {
    private static final String FIXTURES = "org.teamstelehealth.architecture.fixtures";
    private static final String CYCLE = FIXTURES + ".cycle";
    private static final String TANGLED = FIXTURES + ".tangled";

    @Test
    void aDeliberateCycleFailsTheBuild() {
        assertViolation(Architecture.featuresFormNoCycles(CYCLE), CYCLE, "Appointments", "Notifications");
    }

    @Test
    void aRulesClassUsingAnSdkFails() {
        assertViolation(Architecture.rulesKnowNoSdk(TANGLED), TANGLED, "InvoiceRules", "TableClient");
    }

    @Test
    void anAdapterIsSeenByItsOwnFeatureOnly() {
        assertViolation(Architecture.adaptersServeOnlyTheirFeature(TANGLED), TANGLED, "Report", "TableInvoices");
    }

    @Test
    void onlyTheRootBuildsClients() {
        assertViolation(Architecture.onlyTheCompositionRootBuildsSdkClients(TANGLED), TANGLED, "ReportClients",
                "TableServiceClientBuilder");
    }

    @Test
    void nothingImportsTheRoot() {
        assertViolation(Architecture.nothingImportsTheCompositionRoot(TANGLED), TANGLED, "ReportClients", "Root");
    }

    private static void assertViolation(ArchRule rule, String fixture, String... named) {
        JavaClasses classes = new ClassFileImporter().importPackages(fixture);
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), "expected " + rule.getDescription() + " to fail on " + fixture);
        String report = result.getFailureReport().toString();
        for (String name : named) {
            assertTrue(report.contains(name), report);
        }
    }
}
