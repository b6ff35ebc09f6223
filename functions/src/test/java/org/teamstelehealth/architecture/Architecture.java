package org.teamstelehealth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.Set;

/**
 * The architecture, as rules over the classes under one root package (the app's, or a test fixture's):
 *
 * <ul>
 *   <li>Features are packages under the root, and no two of them depend on each other both ways.
 *   <li>{@code bootstrap} is the composition root: it builds every SDK client and service; nothing imports it.
 *   <li>Rules (every class that is neither a function class, nor an {@code @Adapter}, nor in the root's
 *       {@code bootstrap}, nor one of the named HTTP and adapter helpers) know no Azure, Microsoft or Functions
 *       library: they talk to the world through ports.
 *   <li>An adapter implements its own feature's port; only that feature and the composition root use it.
 * </ul>
 */
final class Architecture {
    static final String ADAPTER = "org.teamstelehealth.platform.Adapter";
    static final String FUNCTION_NAME = "com.microsoft.azure.functions.annotation.FunctionName";
    /** The helpers function classes answer HTTP with; they are the only non-adapters that see the Functions library. */
    static final Set<String> HTTP_HELPERS = Set.of("org.teamstelehealth.platform.Problem",
            "org.teamstelehealth.platform.JsonResponses", "org.teamstelehealth.access.AdminRoute");
    /** The helpers adapters share for an SDK's chores (a point read that may find nothing); they see that SDK too. */
    static final Set<String> ADAPTER_HELPERS = Set.of("org.teamstelehealth.platform.Tables");

    private Architecture() {}

    static ArchRule featuresFormNoCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("package $1").should().beFreeOfCycles()
                .because("arrows point one way: function classes -> rules -> ports <- adapters");
    }

    static ArchRule nothingImportsTheCompositionRoot(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(root + ".bootstrap..")
                .because("bootstrap is the one composition root: it calls the features, never the reverse");
    }

    static ArchRule rulesKnowNoSdk(String root) {
        return noClasses().that(areRules(root))
                .should().dependOnClassesThat().resideInAnyPackage("com.azure..", "com.microsoft..", "reactor..")
                .because("rules are plain Java behind ports; SDKs belong to adapters, function classes and bootstrap");
    }

    static ArchRule adaptersServeOnlyTheirFeature(String root) {
        return classes().that(areAdapters()).should(beUsedOnlyByTheirPackageOrThe(root + ".bootstrap"))
                .because("a feature reaches another feature through its ports, never its adapters");
    }

    static ArchRule onlyTheCompositionRootBuildsSdkClients(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".bootstrap..")
                .should().callConstructorWhere(buildsAnSdkClient())
                .because("clients are built once per process, by the composition root");
    }

    /** Classes that are neither function classes, adapters (or nested in one), the root's bootstrap, nor helpers. */
    static DescribedPredicate<JavaClass> areRules(String root) {
        return DescribedPredicate.describe("are rules", c -> !isFunctionClass(c) && !isAdapter(c)
                && !c.getPackageName().startsWith(root + ".bootstrap") && !HTTP_HELPERS.contains(c.getName())
                && !ADAPTER_HELPERS.contains(c.getName()));
    }

    static DescribedPredicate<JavaClass> areAdapters() {
        return DescribedPredicate.describe("are adapters", Architecture::isAdapter);
    }

    private static boolean isAdapter(JavaClass c) {
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (k.get().isAnnotatedWith(ADAPTER)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFunctionClass(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(FUNCTION_NAME));
    }

    private static ArchCondition<JavaClass> beUsedOnlyByTheirPackageOrThe(String bootstrap) {
        return new ArchCondition<>("be used only by their own package and " + bootstrap) {
            @Override
            public void check(JavaClass adapter, ConditionEvents events) {
                for (Dependency dependency : adapter.getDirectDependenciesToSelf()) {
                    String from = dependency.getOriginClass().getPackageName();
                    if (!from.equals(adapter.getPackageName()) && !from.startsWith(bootstrap)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** Constructors of SDK clients and their builders ({@code new SecretClientBuilder()}, {@code new GraphServiceClient(..)}). */
    private static DescribedPredicate<JavaConstructorCall> buildsAnSdkClient() {
        return DescribedPredicate.describe("build an SDK client", call -> {
            String owner = call.getTargetOwner().getName();
            return owner.matches("(com\\.azure|com\\.microsoft)\\..*(ClientBuilder|CredentialBuilder|ServiceClient)");
        });
    }
}
