package org.priwatt.crypto.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test fixture shared by every module: checks that no other module's sources import this
 * module's {@code .internal} packages (STYLE.md §2), that no class exposes a writable static
 * array, and locates the repository.
 */
public final class ModuleBoundaries {
  private ModuleBoundaries() {}

  /** The repository root: the {@code priwatt.root} property Maven sets, or the working dir's parent. */
  public static Path repositoryRoot() {
    String root = System.getProperty("priwatt.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath().normalize();
  }


  /**
   * Asserts that no source file outside {@code moduleDir} imports
   * {@code org.priwatt.<moduleName>...internal}.
   */
  public static void assertInternalsStayPrivate(String moduleDir, String moduleName) {
    Path root = repositoryRoot();
    String needle = "org.priwatt." + moduleName + ".";
    List<String> offenders = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          // Build output changes while tests run (other surefire reports); never walk it.
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          return name.equals("target") || name.startsWith(".") && !dir.equals(root)
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (f.toString().endsWith(".java") && !root.relativize(f).startsWith(moduleDir)
              && importsInternal(f, needle)) {
            offenders.add(root.relativize(f).toString());
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(offenders).as("files importing %sinternal from outside %s", needle, moduleDir).isEmpty();
  }

  /**
   * Asserts that no class compiled to {@code moduleDir/target/classes} has a non-private static
   * array field: {@code final} keeps the reference, not the elements, so any class that sees
   * such an array can rewrite it for the whole process (issue 13: {@code OpcodeTable.NAMES}).
   * Compiler-generated fields (enum {@code $VALUES}, switch maps) are skipped.
   */
  public static void assertNoSharedStaticArrays(String moduleDir) {
    Path classes = repositoryRoot().resolve(moduleDir).resolve("target").resolve("classes");
    List<String> offenders = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".class"))::iterator) {
        String rel = classes.relativize(f).toString();
        if (rel.endsWith("module-info.class") || rel.endsWith("package-info.class")) {
          continue;
        }
        String name = rel.substring(0, rel.length() - ".class".length()).replace(f.getFileSystem().getSeparator(), ".");
        Class<?> c = Class.forName(name, false, loader);
        for (java.lang.reflect.Field field : c.getDeclaredFields()) {
          int m = field.getModifiers();
          if (java.lang.reflect.Modifier.isStatic(m) && !java.lang.reflect.Modifier.isPrivate(m)
              && field.getType().isArray() && !field.isSynthetic()) {
            offenders.add(c.getName() + "." + field.getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("compiled class not on the test class path", e);
    }
    assertThat(classes).isDirectory();
    assertThat(offenders).as("non-private static arrays in %s", moduleDir).isEmpty();
  }

  private static boolean importsInternal(Path file, String needle) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.anyMatch(l -> l.startsWith("import") && l.contains(needle) && l.contains(".internal"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
