package org.priwatt.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The boundaries of the library modules, checked on their bytecode (so fully qualified
 * references, reflection-free constants and generated code count too, unlike an import scan):
 * the module layering of ARCHITECTURE.md, private {@code .internal} packages, and no package
 * cycles inside a module. JPMS would enforce some of this, but the libsecp256k1 binding splits a
 * package across jars, so the SDK ships automatic modules and checks the rules here instead.
 * Each test's assertion is ArchUnit's {@code check}: it throws an {@link AssertionError} listing
 * every violation.
 */
class ModuleRulesTest {
  /** Each library module's root package and the modules it may use. */
  static final Map<String, List<String>> MAY_USE = Map.of(
      "crypto", List.of(),
      "script", List.of("crypto"),
      "chain", List.of("crypto", "script"),
      "msg", List.of("crypto"),
      "energy", List.of("crypto", "script", "chain", "msg"),
      "channels", List.of("crypto", "script", "chain", "msg", "energy"),
      "node", List.of("crypto", "script", "chain", "msg", "energy", "channels"));

  static final JavaClasses LIBRARIES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.priwatt");

  private static String root(String module) {
    return "org.priwatt." + module;
  }

  @ParameterizedTest(name = "{0} uses only the modules below it")
  @ValueSource(strings = {"crypto", "script", "chain", "msg", "energy", "channels", "node"})
  void aModuleUsesOnlyTheModulesBelowIt(String module) {
    List<String> forbidden = MAY_USE.keySet().stream()
        .filter(other -> !other.equals(module) && !MAY_USE.get(module).contains(other))
        .map(other -> root(other) + "..").toList();
    noClasses().that().resideInAPackage(root(module) + "..").should().dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(String[]::new))
        .because("the module graph is crypto <- script <- chain <- energy <- channels; msg <- crypto; "
            + "energy and channels also use msg; the node uses them all")
        .check(LIBRARIES);
  }

  @Test
  void librariesNeverUseTheExamplesOrTheBenchmarks() {
    noClasses().that().resideInAPackage("org.priwatt..").should().dependOnClassesThat()
        .resideInAnyPackage("org.priwatt.examples..", "org.priwatt.benchmarks..")
        .check(LIBRARIES);
  }

  @Test
  void cryptoDependsOnTheJdkTheSecp256k1BindingBouncyCastleAndSlf4jOnly() {
    classes().that().resideInAPackage("org.priwatt.crypto..").should().onlyDependOnClassesThat()
        .resideInAnyPackage("org.priwatt.crypto..", "java..", "javax..", "org.bouncycastle..", "fr.acinq.secp256k1..",
            "kotlin..", "org.slf4j..")
        .check(LIBRARIES);
  }

  @ParameterizedTest(name = "{0}'s internal packages stay private")
  @ValueSource(strings = {"crypto", "script", "chain", "msg", "energy", "channels", "node"})
  void noOtherModuleTouchesAModulesInternals(String module) {
    noClasses().that().resideOutsideOfPackage(root(module) + "..").should().dependOnClassesThat()
        .resideInAPackage(root(module) + "..internal..")
        .because("an .internal package is an implementation detail of its module")
        .check(LIBRARIES);
  }

  @Test
  void noClassSharesAStaticArray() {
    // final keeps the reference, not the elements: any class that can see such an array can change it.
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields().that().areStatic().and().areNotPrivate()
        .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaField>("be an array") {
          @Override
          public void check(com.tngtech.archunit.core.domain.JavaField f, com.tngtech.archunit.lang.ConditionEvents events) {
            if (f.getRawType().isArray() && !f.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC)) {
              events.add(com.tngtech.archunit.lang.SimpleConditionEvent.satisfied(f, f.getFullName() + " is a shared static array"));
            }
          }
        }).check(LIBRARIES);
  }

  @Test
  void publicSignaturesExposeNoInternalType() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().that().arePublic().and().areDeclaredInClassesThat()
        .resideOutsideOfPackage("..internal..").and().areDeclaredInClassesThat().arePublic()
        .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("an .internal type",
            (JavaClass t) -> t.getPackageName().contains(".internal")))
        .orShould().haveRawParameterTypes(com.tngtech.archunit.base.DescribedPredicate.describe(
            "an .internal type among them", (java.util.List<JavaClass> ts) ->
                ts.stream().anyMatch(t -> t.getPackageName().contains(".internal"))))
        .because("a user cannot name what an .internal package holds")
        .check(LIBRARIES);
  }

  /**
   * A package and its own {@code .internal} package count as one: the API hands work to its
   * implementation, and the implementation speaks the API's types (its errors, its values), which
   * is a pairing, not a tangle. Cycles between distinct packages (say {@code chain} and {@code
   * chain.block}) are what this rule refuses.
   */
  @ParameterizedTest(name = "{0}'s packages form no cycle")
  @ValueSource(strings = {"crypto", "script", "chain", "msg", "energy", "channels", "node"})
  void aModulesPackagesFormNoCycle(String module) {
    String prefix = root(module);
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        String p = c.getPackageName();
        if (!p.equals(prefix) && !p.startsWith(prefix + ".")) {
          return SliceIdentifier.ignore();
        }
        int internal = p.indexOf(".internal");
        return SliceIdentifier.of(internal < 0 ? p : p.substring(0, internal));
      }

      @Override
      public String getDescription() {
        return "the packages of " + prefix;
      }
    }).should().beFreeOfCycles().check(LIBRARIES);
  }
}
