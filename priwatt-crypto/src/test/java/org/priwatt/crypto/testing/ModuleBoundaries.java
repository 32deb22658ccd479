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
 * module's {@code .internal} packages (STYLE.md §2) and locates the repository.
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

  private static boolean importsInternal(Path file, String needle) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.anyMatch(l -> l.startsWith("import") && l.contains(needle) && l.contains(".internal"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
