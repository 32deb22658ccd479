package org.priwatt.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.priwatt.chain.state.BlockIndexEntry;

/**
 * The boundaries of the module's own packages (issue 13): read from the compiled classes' constant
 * pools (every class a class file names, in code, signatures and descriptors), so they hold for
 * what runs, not for what is imported.
 *
 * <ul>
 *   <li>no cycle between the packages of {@code org.priwatt.chain}: each layer (transactions,
 *       blocks, parameters, internal mechanics, store, state, mempool, mining, wallet) may use
 *       only the ones below it;
 *   <li>no API type exposes an {@code .internal} type in a public or protected signature;
 *   <li>no public static array field (its elements are writable by anyone);
 *   <li>{@link BlockIndexEntry}, handed to callers, has only final fields.
 * </ul>
 */
class PackageStructureTest {
  private static final String ROOT = "org/priwatt/chain/";
  /** A class of this module named inside a class file: packages in lower case, the class capitalised. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("org/priwatt/chain/(?:[a-z0-9_]+/)*[A-Z][A-Za-z0-9_$]*");

  /** Internal class name (org/priwatt/chain/Foo) to the module's classes its class file names. */
  private static Map<String, Set<String>> references;

  @BeforeAll
  static void readClasses() throws IOException, URISyntaxException {
    Path classes = Path.of(ChainException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    references = readReferences(classes);
    assertThat(references).as("classes under %s", classes).hasSizeGreaterThan(50);
  }

  /** Reads every class file under {@code classes}/org/priwatt/chain. */
  static Map<String, Set<String>> readReferences(Path classes) throws IOException {
    Map<String, Set<String>> refs = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String name = classes.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", "");
        try (InputStream in = Files.newInputStream(f)) {
          refs.put(name, namedClasses(in));
        }
      }
    }
    return refs;
  }

  /** The module's classes named by the UTF-8 constants of one class file (JVMS §4.4). */
  static Set<String> namedClasses(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    Set<String> named = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> {
          Matcher m = CLASS_NAME.matcher(in.readUTF());
          while (m.find()) {
            named.add(m.group());
          }
        }
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // a long or double takes two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return named;
  }

  private static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('/')).replace('/', '.');
  }

  /** Package to the other packages of the module it uses, each with one class-level example. */
  static Map<String, Map<String, String>> packageGraph(Map<String, Set<String>> refs) {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    refs.forEach((from, targets) -> {
      String p = packageOf(from);
      Map<String, String> out = graph.computeIfAbsent(p, k -> new TreeMap<>());
      for (String to : targets) {
        String q = packageOf(to);
        if (!q.equals(p)) {
          out.putIfAbsent(q, from.replace('/', '.') + " -> " + to.replace('/', '.'));
        }
      }
    });
    return graph;
  }

  /** The strongly connected components of more than one package (Tarjan), i.e. the cycles. */
  static List<Set<String>> cycles(Map<String, Map<String, String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    List<Set<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, graph, index, low, stack, onStack, found, counter);
      }
    }
    return found;
  }

  private static void strongConnect(String v, Map<String, Map<String, String>> graph,
      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<Set<String>> found, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        strongConnect(w, graph, index, low, stack, onStack, found, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        found.add(component);
      }
    }
  }

  @Test
  void packagesFormNoCycle() {
    Map<String, Map<String, String>> graph = packageGraph(references);
    List<String> report = new ArrayList<>();
    for (Set<String> cycle : cycles(graph)) {
      for (String p : cycle) {
        graph.get(p).forEach((q, example) -> {
          if (cycle.contains(q)) {
            report.add(example);
          }
        });
      }
    }
    assertThat(report).as("class references closing a package cycle").isEmpty();
  }

  @Test
  void theCycleFinderFindsACycle() {
    Map<String, Set<String>> refs = Map.of(
        "org/priwatt/chain/A", Set.of("org/priwatt/chain/block/B"),
        "org/priwatt/chain/block/B", Set.of("org/priwatt/chain/state/C"),
        "org/priwatt/chain/state/C", Set.of("org/priwatt/chain/A"),
        "org/priwatt/chain/store/D", Set.of("org/priwatt/chain/A"));
    assertThat(cycles(packageGraph(refs))).containsExactly(
        Set.of("org.priwatt.chain", "org.priwatt.chain.block", "org.priwatt.chain.state"));
  }

  @Test
  void apiSignaturesExposeNoInternalType() throws ClassNotFoundException {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : apiClasses()) {
      for (Method m : c.getDeclaredMethods()) {
        if (exposed(m.getModifiers()) && !m.isSynthetic()) {
          List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
          types.add(m.getReturnType());
          types.stream().filter(PackageStructureTest::isInternal)
              .forEach(t -> leaks.add(c.getName() + "." + m.getName() + " uses " + t.getName()));
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (exposed(f.getModifiers()) && isInternal(f.getType())) {
          leaks.add(c.getName() + "." + f.getName() + " is a " + f.getType().getName());
        }
      }
      if (c.getSuperclass() != null && isInternal(c.getSuperclass())) {
        leaks.add(c.getName() + " extends " + c.getSuperclass().getName());
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void noPublicStaticArray() throws ClassNotFoundException {
    List<String> writable = new ArrayList<>();
    for (String name : references.keySet()) {
      Class<?> c = load(name);
      for (Field f : c.getDeclaredFields()) {
        int mod = f.getModifiers();
        if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && f.getType().isArray()) {
          writable.add(c.getName() + "." + f.getName());
        }
      }
    }
    assertThat(writable).isEmpty();
  }

  @Test
  void blockIndexEntryIsImmutable() {
    for (Field f : BlockIndexEntry.class.getDeclaredFields()) {
      assertThat(Modifier.isFinal(f.getModifiers())).as(f.getName()).isTrue();
    }
  }

  private static List<Class<?>> apiClasses() throws ClassNotFoundException {
    List<Class<?>> api = new ArrayList<>();
    for (String name : references.keySet()) {
      if (!name.contains("/internal/") && !name.endsWith("package-info")) {
        Class<?> c = load(name);
        if (Modifier.isPublic(c.getModifiers())) {
          api.add(c);
        }
      }
    }
    return api;
  }

  private static Class<?> load(String internalName) throws ClassNotFoundException {
    return Class.forName(internalName.replace('/', '.'), false,
        PackageStructureTest.class.getClassLoader());
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static boolean isInternal(Class<?> type) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type.getName().startsWith("org.priwatt.chain.") && type.getName().contains(".internal.");
  }
}
