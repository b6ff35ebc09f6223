package org.teamstelehealth.local;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.azure.functions.annotation.WarmupTrigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds functions the way the Azure Functions Maven plugin does: public methods annotated with
 * {@code @FunctionName} in the given packages, in classpath directories and jars. Test output
 * directories ({@code test-classes}) are skipped unless asked for, so test fakes never run locally.
 */
public final class FunctionScanner {
    private static final String FUNCTION_NAME_DESCRIPTOR = "L" + FunctionName.class.getName().replace('.', '/') + ";";
    private final ClassLoader loader;
    private final boolean includeTestClasses;

    public FunctionScanner(ClassLoader loader, boolean includeTestClasses) {
        this.loader = loader;
        this.includeTestClasses = includeTestClasses;
    }

    /**
     * @throws IllegalStateException naming the clash when two functions share a name or an HTTP route,
     *     or when a function has a parameter the local host cannot bind
     */
    public List<FunctionDefinition> scan(List<String> packages) {
        Set<String> classNames = new TreeSet<>();
        for (String pkg : packages) {
            classNames.addAll(classNamesIn(pkg));
        }
        List<FunctionDefinition> functions = new ArrayList<>();
        for (String className : classNames) {
            if (mentionsFunctionName(className)) {
                functions.addAll(functionsOf(load(className)));
            }
        }
        functions.sort(Comparator.comparing(FunctionDefinition::name));
        rejectDuplicates(functions);
        return List.copyOf(functions);
    }

    private Set<String> classNamesIn(String pkg) {
        String path = pkg.replace('.', '/');
        Set<String> names = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(path))) {
                if ("file".equals(url.getProtocol())) {
                    Path dir = Path.of(url.toURI());
                    if (includeTestClasses || !isTestOutput(dir, path)) {
                        names.addAll(classNamesInDirectory(dir, pkg));
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    names.addAll(classNamesInJar(url, path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list classes in " + pkg, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static boolean isTestOutput(Path packageDir, String packagePath) {
        Path root = packageDir;
        for (int i = 0; i < packagePath.split("/").length && root != null; i++) {
            root = root.getParent();
        }
        return root != null && root.getFileName() != null && root.getFileName().toString().equals("test-classes");
    }

    private static List<String> classNamesInDirectory(Path dir, String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .map(relative -> pkg + "." + relative.substring(0, relative.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }

    private static List<String> classNamesInJar(URL url, String path) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = new JarFile(connection.getJarFileURL().getFile())) {
            return jar.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith(path + "/") && n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }

    /**
     * Whether the class file names {@code @FunctionName} at all (an annotation's type is in the constant pool of the
     * class that carries it), so only those few classes are loaded and reflected over, not every class in the package.
     */
    private boolean mentionsFunctionName(String className) {
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null || namesFunctionName(in.readAllBytes());
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether a class file names {@code @FunctionName} anywhere in its constant pool. */
    public static boolean namesFunctionName(byte[] classFile) {
        return new String(classFile, StandardCharsets.ISO_8859_1).contains(FUNCTION_NAME_DESCRIPTOR);
    }

    private Class<?> load(String className) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load " + className + ": " + e, e);
        }
    }

    private static List<FunctionDefinition> functionsOf(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || type.isInterface() || type.isAnnotation()) {
            return List.of();
        }
        List<FunctionDefinition> found = new ArrayList<>();
        Method[] methods;
        try {
            methods = type.getMethods();
        } catch (LinkageError e) {
            return List.of();
        }
        for (Method method : methods) {
            FunctionName name = method.getAnnotation(FunctionName.class);
            if (name != null && method.getDeclaringClass() == type) {
                found.add(define(name.value(), type, method));
            }
        }
        return found;
    }

    static FunctionDefinition define(String name, Class<?> type, Method method) {
        Parameter[] parameters = method.getParameters();
        Integer triggerIndex = null;
        FunctionDefinition.Trigger trigger = null;
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            FunctionDefinition.Trigger t = trigger(name, p);
            if (t != null) {
                requireTriggerType(name, type, method, p, t);
                if (trigger != null) {
                    throw new IllegalStateException("Function '" + name + "' has two triggers");
                }
                trigger = t;
                triggerIndex = i;
            } else if (!ExecutionContext.class.equals(p.getType()) && p.getAnnotation(BindingName.class) == null) {
                throw new IllegalStateException("Function '" + name + "' (" + type.getName() + "." + method.getName()
                        + "): parameter '" + p.getName() + "' is neither the trigger, an ExecutionContext nor a"
                        + " @BindingName; the local host cannot bind " + describe(p.getAnnotations()));
            }
        }
        if (trigger == null) {
            throw new IllegalStateException("Function '" + name + "' (" + type.getName() + "." + method.getName()
                    + ") has no HTTP, queue, timer, Event Grid or warmup trigger the local host can run");
        }
        return new FunctionDefinition(name, type, method, triggerIndex, trigger);
    }

    /** The trigger types the Java worker hands over and the team's conventions use. */
    private static void requireTriggerType(String name, Class<?> type, Method method, Parameter p, FunctionDefinition.Trigger t) {
        String expected;
        boolean ok;
        if (t instanceof FunctionDefinition.Http http) {
            String body = http.binary() ? "byte[]" : "String";
            expected = "HttpRequestMessage<Optional<" + body + ">>" + (http.binary() ? " (dataType = \"binary\")" : "");
            ok = p.getParameterizedType().getTypeName().equals("com.microsoft.azure.functions.HttpRequestMessage<java.util.Optional<"
                    + (http.binary() ? "byte[]" : "java.lang.String") + ">>");
        } else if (t instanceof FunctionDefinition.Queue) {
            expected = "String (or byte[]); parse the JSON yourself";
            ok = p.getType() == String.class || p.getType() == byte[].class;
        } else if (t instanceof FunctionDefinition.Warmup) {
            expected = "Object (or String), as Microsoft's Java example declares it";
            ok = p.getType() == Object.class || p.getType() == String.class;
        } else {
            expected = "String";
            ok = p.getType() == String.class;
        }
        if (!ok) {
            throw new IllegalStateException("Function '" + name + "' (" + type.getName() + "." + method.getName()
                    + "): the " + t.kind() + " trigger parameter is " + p.getParameterizedType().getTypeName()
                    + "; the local host passes " + expected);
        }
    }

    private static FunctionDefinition.Trigger trigger(String functionName, Parameter p) {
        HttpTrigger http = p.getAnnotation(HttpTrigger.class);
        if (http != null) {
            Set<HttpMethod> methods = http.methods().length == 0
                    ? Set.of() : EnumSet.copyOf(Arrays.asList(http.methods()));
            String route = http.route().isBlank() ? functionName : http.route().replaceAll("^/+|/+$", "");
            return new FunctionDefinition.Http(route, methods, http.authLevel(), "binary".equalsIgnoreCase(http.dataType()));
        }
        QueueTrigger queue = p.getAnnotation(QueueTrigger.class);
        if (queue != null) {
            return new FunctionDefinition.Queue(queue.queueName(), queue.connection());
        }
        TimerTrigger timer = p.getAnnotation(TimerTrigger.class);
        if (timer != null) {
            return new FunctionDefinition.Timer(timer.schedule());
        }
        if (p.getAnnotation(EventGridTrigger.class) != null) {
            return new FunctionDefinition.EventGrid();
        }
        if (p.getAnnotation(WarmupTrigger.class) != null) {
            return new FunctionDefinition.Warmup();
        }
        return null;
    }

    private static String describe(Annotation[] annotations) {
        return annotations.length == 0 ? "it" : Arrays.stream(annotations)
                .map(a -> "@" + a.annotationType().getSimpleName()).reduce((a, b) -> a + " " + b).orElse("");
    }

    private static void rejectDuplicates(List<FunctionDefinition> functions) {
        Map<String, FunctionDefinition> byName = new HashMap<>();
        for (FunctionDefinition f : functions) {
            FunctionDefinition other = byName.putIfAbsent(f.name().toLowerCase(), f);
            if (other != null) {
                throw new IllegalStateException("Two functions are named '" + f.name() + "': "
                        + where(other) + " and " + where(f));
            }
        }
        List<FunctionDefinition> http = functions.stream().filter(f -> f.trigger() instanceof FunctionDefinition.Http).toList();
        for (int i = 0; i < http.size(); i++) {
            for (int j = i + 1; j < http.size(); j++) {
                FunctionDefinition.Http a = (FunctionDefinition.Http) http.get(i).trigger();
                FunctionDefinition.Http b = (FunctionDefinition.Http) http.get(j).trigger();
                if (RouteTemplate.parse(a.route()).shape().equals(RouteTemplate.parse(b.route()).shape())
                        && overlap(a.methods(), b.methods())) {
                    throw new IllegalStateException("Functions '" + http.get(i).name() + "' and '" + http.get(j).name()
                            + "' both answer route '" + a.route() + "'" + (a.route().equals(b.route()) ? "" : " / '" + b.route() + "'")
                            + " for the same HTTP methods");
                }
            }
        }
    }

    private static boolean overlap(Set<HttpMethod> a, Set<HttpMethod> b) {
        return a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains);
    }

    private static String where(FunctionDefinition f) {
        return f.type().getName() + "." + f.method().getName();
    }
}
