package org.priwatt.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.priwatt.crypto.Secp256k1;
import org.priwatt.crypto.Secp256k1Implementation;

/**
 * Issue 11.10: the backend property accepts its documented values and refuses anything else;
 * issue 13: a start-up {@code select} fixes the backend for the process.
 */
class BackendsTest {
  @TempDir Path dir;

  @Test
  void acceptedValuesSelectTheirBackend() {
    for (String v : new String[] {null, "", "  ", "native", " Native "}) {
      assertThat(Backends.requested(v)).as(String.valueOf(v))
          .isEqualTo(Secp256k1Implementation.NATIVE);
    }
    for (String v : new String[] {"bouncycastle", "BouncyCastle", "java", "pure-java"}) {
      assertThat(Backends.requested(v)).as(v).isEqualTo(Secp256k1Implementation.BOUNCY_CASTLE);
    }
  }

  @Test
  void anUnknownValueIsAnErrorNamingTheAcceptedOnes() {
    for (String v : new String[] {"bc", "bouncy", "nativ", "pure_java", "0"}) {
      assertThatThrownBy(() -> Backends.requested(v)).as(v)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("-Dpriwatt.secp256k1=" + v)
          .hasMessageContaining("native, bouncycastle, java, pure-java");
    }
  }

  /** The start-up path: a fresh JVM with the misspelt property fails on first use, loudly. */
  @Test
  void aFreshJvmWithAnUnknownValueFailsOnFirstUse() throws Exception {
    Result bad = runProbe("bc");
    assertThat(bad.exitCode).as(bad.output).isNotZero();
    assertThat(bad.output).contains("IllegalStateException")
        .contains("-Dpriwatt.secp256k1=bc names no secp256k1 backend")
        .contains("accepted values: native, bouncycastle, java, pure-java")
        .doesNotContain("probe selected");
    // The same probe with an accepted value runs: the failure above is the property's.
    Result good = runProbe("bouncycastle");
    assertThat(good.exitCode).as(good.output).isZero();
    assertThat(good.output).contains("probe selected BOUNCY_CASTLE");
  }

  /**
   * Issue 13: {@code select} at start-up, before first use, fixes the backend whatever the
   * property says (even a misspelt one), and the choice holds for the rest of the process.
   */
  @Test
  void selectBeforeFirstUseFixesTheBackend() throws Exception {
    Result overridden = runProbe("native", "select-bouncycastle");
    assertThat(overridden.exitCode).as(overridden.output).isZero();
    assertThat(overridden.output).contains("probe selected BOUNCY_CASTLE")
        .contains("late select refused: java.lang.IllegalStateException: secp256k1 backend is already fixed to BOUNCY_CASTLE");
    Result rescued = runProbe("bc", "select-bouncycastle");
    assertThat(rescued.exitCode).as(rescued.output).isZero();
    assertThat(rescued.output).contains("probe selected BOUNCY_CASTLE");
  }

  /**
   * Entry point of the child JVM: optionally selects Bouncy Castle first, uses the curve once
   * and reports the backend, then tries to switch to native and reports the refusal.
   */
  public static final class Probe {
    public static void main(String[] args) {
      if (args.length > 0 && args[0].equals("select-bouncycastle")) {
        Secp256k1.select(Secp256k1Implementation.BOUNCY_CASTLE);
      }
      System.out.println("probe selected " + Secp256k1.active());
      if (args.length > 0) {
        try {
          Secp256k1.select(Secp256k1Implementation.NATIVE);
          System.out.println("late select accepted");
        } catch (IllegalStateException e) {
          System.out.println("late select refused: " + e);
        }
      }
    }
  }

  private record Result(int exitCode, String output) {}

  private Result runProbe(String value, String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path out = dir.resolve("probe-" + value + "-" + args.length + ".txt");
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Dpriwatt.secp256k1=" + value,
        "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe JVM did not finish in 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
