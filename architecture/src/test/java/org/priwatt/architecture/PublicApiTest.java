package org.priwatt.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public API of each library module as a committed text snapshot ({@code api/<module>.txt}):
 * every public or protected type outside {@code .internal} packages, with its public and
 * protected fields, constructors and methods, sorted. A change to the public API fails this test
 * until the snapshot is regenerated with {@code ./mvnw verify -Dpriwatt.api.update=true} and the
 * difference committed, so every API change is a deliberate, reviewed one.
 */
class PublicApiTest {
  private static final Path API = Path.of(System.getProperty("priwatt.root", ".."), "api");

  @ParameterizedTest(name = "the public API of {0} is the committed snapshot")
  @ValueSource(strings = {"crypto", "script", "chain", "msg", "energy", "channels", "node"})
  void publicApiIsTheCommittedSnapshot(String module) throws IOException {
    String now = describe("org.priwatt." + module);
    Path file = API.resolve(module + ".txt");
    if (Boolean.getBoolean("priwatt.api.update")) {
      Files.createDirectories(API);
      Files.writeString(file, now, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertThat(now).as("public API of %s differs from %s; if the change is deliberate, regenerate with "
        + "./mvnw verify -Dpriwatt.api.update=true and commit the file", module, file).isEqualTo(committed);
  }

  static String describe(String root) {
    List<JavaClass> types = ModuleRulesTest.LIBRARIES.stream()
        .filter(c -> c.getPackageName().equals(root) || c.getPackageName().startsWith(root + "."))
        .filter(c -> !c.getPackageName().contains(".internal"))
        .filter(PublicApiTest::isExported)
        .sorted(Comparator.comparing(JavaClass::getName)).toList();
    StringBuilder out = new StringBuilder();
    for (JavaClass c : types) {
      out.append(header(c)).append('\n');
      List<String> members = new ArrayList<>();
      for (JavaField f : c.getFields()) {
        if (isVisible(f)) {
          members.add("  field " + mods(f.getModifiers()) + f.getRawType().getName() + " " + f.getName());
        }
      }
      for (JavaCodeUnit u : c.getCodeUnits()) {
        if (isVisible(u) && !u.getName().equals("<clinit>")) {
          String params = u.getRawParameterTypes().stream().map(JavaClass::getName).collect(Collectors.joining(", "));
          String name = u.getName().equals("<init>") ? "new" : u.getName();
          members.add("  " + mods(u.getModifiers()) + name + "(" + params + ") : " + u.getRawReturnType().getName());
        }
      }
      members.stream().sorted().forEach(m -> out.append(m).append('\n'));
    }
    return out.toString();
  }

  /** A top-level or nested type a user of the jar can name. */
  private static boolean isExported(JavaClass c) {
    if (c.isAnonymousClass() || c.isLocalClass() || !visible(c.getModifiers())) {
      return false;
    }
    return c.getEnclosingClass().map(PublicApiTest::isExported).orElse(true);
  }

  private static boolean isVisible(JavaMember m) {
    return visible(m.getModifiers()) && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
        && !m.getModifiers().contains(JavaModifier.BRIDGE);
  }

  private static boolean visible(Set<JavaModifier> mods) {
    return mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED);
  }

  private static String header(JavaClass c) {
    String kind = c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
    String ext = c.getRawSuperclass().filter(s -> !s.getName().equals("java.lang.Object")
        && !s.getName().equals("java.lang.Enum") && !s.getName().equals("java.lang.Record"))
        .map(s -> " extends " + s.getName()).orElse("");
    String impl = c.getRawInterfaces().stream().map(JavaClass::getName).sorted().collect(Collectors.joining(", "));
    return mods(c.getModifiers()) + kind + " " + c.getName() + ext + (impl.isEmpty() ? "" : " implements " + impl);
  }

  private static String mods(Set<JavaModifier> mods) {
    StringBuilder b = new StringBuilder();
    for (JavaModifier m : List.of(JavaModifier.PROTECTED, JavaModifier.STATIC, JavaModifier.ABSTRACT,
        JavaModifier.FINAL)) {
      if (mods.contains(m)) {
        b.append(m.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
      }
    }
    return b.toString();
  }
}
