package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.Application;

/**
 * Every HTTP route the app serves is in openapi.yaml, and openapi.yaml lists no route the app does
 * not serve: the annotated {@code @FunctionName} methods with an {@code @HttpTrigger} under
 * {@code org.teamstelehealth} (the shipped classes, not tests) against the document's operations.
 */
class OpenApiRoutesTest {
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void theDocumentListsExactlyTheAnnotatedRoutes() throws Exception {
        Set<String> annotated = annotatedRoutes();
        Set<String> documented = documentedRoutes();

        assertTrue(annotated.contains("POST /api/webhooks/appointments"), "the scan found no intake route: " + annotated);
        Set<String> undocumented = difference(annotated, documented);
        Set<String> unserved = difference(documented, annotated);
        if (!undocumented.isEmpty() || !unserved.isEmpty()) {
            fail("Routes in code but not in openapi.yaml: " + undocumented
                    + "; in openapi.yaml but not in code: " + unserved);
        }
    }

    @Test
    void theDocumentIsOpenApi3() throws Exception {
        JsonNode document = document();
        assertTrue(document.path("openapi").asText().startsWith("3."), document.path("openapi").asText());
        assertEquals("Teams Telehealth", document.at("/info/title").asText());
    }

    @Test
    void everyWebhookResponseTheContractNamesIsDocumented() throws Exception {
        JsonNode responses = document().at("/paths/~1api~1webhooks~1appointments/post/responses");
        for (String status : new String[] {"200", "202", "400", "401", "413", "415", "503"}) {
            assertTrue(responses.has(status), "missing response " + status);
        }
        for (String status : new String[] {"400", "401", "413", "415", "503"}) {
            assertTrue(responses.path(status).path("content").has("application/problem+json"), status + " is not problem+json");
        }
    }

    @Test
    void keyedRoutesAreDocumentedAsKeyedAndOpenOnesAsOpen() throws Exception {
        java.util.Map<String, Boolean> annotated = annotatedKeyNeeds();
        java.util.Map<String, Boolean> documented = new java.util.TreeMap<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (OPERATIONS.contains(op.getKey())) {
                JsonNode security = op.getValue().path("security");
                documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        security.isArray() && security.size() > 0);
            }
        }));
        assertEquals(annotated, documented, "true = needs a function key");
    }

    /** "METHOD /api/route" for each HTTP-triggered function, route parameters without their constraints. */
    static Set<String> annotatedRoutes() throws IOException, URISyntaxException {
        return annotatedKeyNeeds().keySet();
    }

    /** Each annotated route, and whether it needs a function key (any level above anonymous). */
    static java.util.Map<String, Boolean> annotatedKeyNeeds() throws IOException, URISyntaxException {
        java.util.Map<String, Boolean> routes = new java.util.TreeMap<>();
        Path classes = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes.resolve("org/teamstelehealth"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                for (Method method : load(name).getDeclaredMethods()) {
                    if (method.isAnnotationPresent(FunctionName.class)) {
                        httpTrigger(method).ifPresent(trigger -> addRoutes(routes, method, trigger));
                    }
                }
            }
        }
        return routes;
    }

    static Set<String> documentedRoutes() throws IOException {
        Set<String> routes = new TreeSet<>();
        Iterator<java.util.Map.Entry<String, JsonNode>> paths = document().path("paths").fields();
        while (paths.hasNext()) {
            java.util.Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(operation -> {
                if (OPERATIONS.contains(operation)) {
                    routes.add(operation.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return routes;
    }

    private static void addRoutes(java.util.Map<String, Boolean> routes, Method method, HttpTrigger trigger) {
        if (trigger.methods().length == 0) {
            fail(method + " accepts every HTTP method; name the ones it serves");
        }
        String route = trigger.route().isEmpty()
                ? method.getAnnotation(FunctionName.class).value()
                : trigger.route();
        for (HttpMethod httpMethod : trigger.methods()) {
            routes.put(httpMethod.name() + " /api/" + withoutConstraints(route),
                    trigger.authLevel() != com.microsoft.azure.functions.annotation.AuthorizationLevel.ANONYMOUS);
        }
    }

    /** {@code {token:alpha}} and {@code {id?}} are {@code {token}} and {@code {id}} in OpenAPI. */
    private static String withoutConstraints(String route) {
        return route.replaceAll("\\{([A-Za-z0-9_]+)(:[^}]*)?\\??}", "{$1}").replaceAll("^/+", "");
    }

    private static java.util.Optional<HttpTrigger> httpTrigger(Method method) {
        for (Parameter parameter : method.getParameters()) {
            for (Annotation annotation : parameter.getAnnotations()) {
                if (annotation instanceof HttpTrigger trigger) {
                    return java.util.Optional.of(trigger);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiRoutesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode document() throws IOException {
        try (InputStream yaml = OpenApiRoutesTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            assertTrue(yaml != null, "openapi.yaml is not on the classpath");
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
