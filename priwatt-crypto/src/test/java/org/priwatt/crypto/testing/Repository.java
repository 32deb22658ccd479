package org.priwatt.crypto.testing;

import java.nio.file.Path;

/**
 * Test fixture shared by every module: where the repository is (the module boundaries themselves,
 * internals, static arrays and the layering, are checked on bytecode by the architecture module).
 */
public final class Repository {
  private Repository() {}

  /** The repository root: the {@code priwatt.root} property Maven sets, or the working dir's parent. */
  public static Path root() {
    String root = System.getProperty("priwatt.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath().normalize();
  }
}
