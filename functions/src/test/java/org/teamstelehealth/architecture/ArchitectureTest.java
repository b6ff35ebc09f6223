package org.teamstelehealth.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The app's own classes (not tests, not the local host) keep to {@link Architecture}'s rules. */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = {ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.MainClassesOnly.class})
class ArchitectureTest {
    static final String ROOT = "org.teamstelehealth";

    @ArchTest
    static final ArchRule featuresFormNoCycles = Architecture.featuresFormNoCycles(ROOT);

    @ArchTest
    static final ArchRule nothingImportsTheCompositionRoot = Architecture.nothingImportsTheCompositionRoot(ROOT);

    @ArchTest
    static final ArchRule rulesKnowNoSdk = Architecture.rulesKnowNoSdk(ROOT);

    @ArchTest
    static final ArchRule adaptersServeOnlyTheirFeature = Architecture.adaptersServeOnlyTheirFeature(ROOT);

    @ArchTest
    static final ArchRule onlyTheCompositionRootBuildsSdkClients = Architecture.onlyTheCompositionRootBuildsSdkClients(ROOT);

    /** The local host and the stand-ins are compiled with the tests into test-classes; the app is in classes. */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/test-classes/");
        }
    }
}
