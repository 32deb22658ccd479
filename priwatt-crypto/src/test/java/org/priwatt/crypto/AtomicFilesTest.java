package org.priwatt.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11.12: temporaries a crashed write leaves behind are recognised and removed. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void temporaryNamesAreRecognisedForTheirTargetOnly() {
    assertThat(AtomicFiles.isTemporaryName("w.key", ".w.key.0123456789abcdef.tmp")).isTrue();
    assertThat(AtomicFiles.isTemporaryName("w.key", ".w.key.8123456789012345678.tmp")).isTrue();
    for (String other : new String[] {"w.key", ".w.key.tmp", ".w.key..tmp", ".w.key.xyz.tmp",
        ".w.key.012345678901234567890.tmp", "w.key.0123.tmp", ".w.key.0123.tmp.bak",
        ".v.key.0123.tmp", ".w.key.5.0123.tmp", ".w.keyx.0123.tmp"}) {
      assertThat(AtomicFiles.isTemporaryName("w.key", other)).as(other).isFalse();
    }
  }

  @Test
  void leftoversOfACrashAreRemovedAndNothingElse() throws Exception {
    Path target = dir.resolve("w.key");
    AtomicFiles.write(target, new byte[] {1, 2, 3});
    List<Path> stale = List.of(dir.resolve(".w.key.0123456789abcdef.tmp"),
        dir.resolve(".w.key.123456789.tmp"));
    List<Path> unrelated = List.of(dir.resolve("w.key.bak"), dir.resolve(".other.0123.tmp"),
        dir.resolve(".w.key.0123456789abcdef.tmp.keep"), dir.resolve(".w.key.5.0123.tmp"));
    for (Path p : concat(stale, unrelated)) {
      Files.write(p, new byte[] {9});
    }
    assertThat(AtomicFiles.removeStaleTemporaries(target)).isEqualTo(2);
    assertThat(stale).allSatisfy(p -> assertThat(p).doesNotExist());
    assertThat(unrelated).allSatisfy(p -> assertThat(p).exists());
    assertThat(target).hasBinaryContent(new byte[] {1, 2, 3});
    // Every write cleans first, too.
    Files.write(stale.get(0), new byte[] {9});
    AtomicFiles.write(target, new byte[] {4});
    assertThat(stale.get(0)).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrderElementsOf(concat(List.of(target), unrelated));
    }
    assertThat(AtomicFiles.removeStaleTemporaries(dir.resolve("missing").resolve("x")))
        .isZero();
  }

  /** Clean-up never takes a temporary being written by this process for a stale one. */
  @Test
  void cleanupDoesNotBreakWritesInProgress() throws Exception {
    Path target = dir.resolve("busy.key");
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> cleaner = pool.submit(() -> {
        while (!done.get()) {
          AtomicFiles.removeStaleTemporaries(target);
        }
      });
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            AtomicFiles.write(target, new byte[64]);
          }
          return null;
        }));
      }
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS); // throws if any write failed
      }
      done.set(true);
      cleaner.get(60, TimeUnit.SECONDS);
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
