package org.priwatt.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command tree as a whole: exit codes, usage errors, help on every command, completion. */
class MainTest {
  @Test
  void versionAndHelpWorkAtTheTop() {
    Cli version = Cli.run("--version");
    assertThat(version.code()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("priwatt ").contains("Java ");
    for (String flag : List.of("-h", "--help")) {
      Cli help = Cli.run(flag);
      assertThat(help.code()).isZero();
      assertThat(help.out()).contains("Usage: priwatt", "Commands:", "demo", "keys", "tx", "Exit codes:", "priwatt bench run");
    }
    assertThat(Cli.run("-V").out()).isEqualTo(version.out());
  }

  @Test
  void noCommandIsAUsageErrorNamingTheCommands() {
    Cli r = Cli.run();
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines()).containsExactly(
        "priwatt: missing command; one of: demo, info, keys, address, tx, script, msg, offers, node, testnet, rpc, channel, completion, help",
        "Try 'priwatt --help' for more information.");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void groupWithoutSubcommandIsAUsageError() {
    Cli r = Cli.run("keys");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines()).containsExactly("priwatt keys: missing command; one of: generate, show, save, load",
        "Try 'priwatt keys --help' for more information.");
  }

  @Test
  void unknownCommandIsRejectedWithOneLineAndAHint() {
    Cli r = Cli.run("frobnicate");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines()).hasSize(2);
    assertThat(r.errLines().get(0)).startsWith("priwatt: unknown command 'frobnicate'");
    assertThat(r.errLines().get(1)).isEqualTo("Try 'priwatt --help' for more information.");
  }

  @Test
  void unknownOptionIsRejectedWithASuggestion() {
    Cli r = Cli.run("keys", "generate", "--netwrk", "priwatt");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines()).containsExactly(
        "priwatt keys generate: unknown option '--netwrk' (did you mean --network?)",
        "Try 'priwatt keys generate --help' for more information.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo case1 extra", "info extra", "keys generate extra", "completion bash",
      "address validate 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa second"})
  void extraArgumentsAreRejected(String line) {
    Cli r = Cli.run(line.split(" "));
    assertThat(r.code()).as(r.toString()).isEqualTo(Main.USAGE);
    assertThat(r.errLines().get(0)).contains("unexpected extra argument");
    assertThat(r.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tx decode", "keys show", "address derive", "script trace", "offers list"})
  void missingArgumentsAreRejected(String line) {
    Cli r = Cli.run(line.split(" "));
    assertThat(r.code()).as(r.toString()).isEqualTo(Main.USAGE);
    assertThat(r.errLines().get(0)).contains("Missing required");
    assertThat(r.errLines().get(1)).isEqualTo("Try 'priwatt " + line + " --help' for more information.");
  }

  @Test
  void badOptionValueIsAUsageError() {
    Cli r = Cli.run("keys", "generate", "--network", "nowhere");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("unknown network 'nowhere'; known: priwatt, bitcoin-mainnet, bitcoin-testnet");
  }

  @Test
  void helpTopicShowsThatCommandsHelp() {
    Cli r = Cli.run("help", "keys");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: priwatt keys").contains("generate", "show", "save", "load")
        .doesNotContain("Usage: priwatt [");
    assertThat(Cli.run("help", "keys").out()).isEqualTo(Cli.run("keys", "--help").out());
    assertThat(Cli.run("help", "nosuch").code()).isEqualTo(Main.USAGE);
  }

  @Test
  void everyCommandHasTheSameHelpLayout() {
    List<String> paths = new ArrayList<>();
    collect(Main.commandLine(), "", paths);
    assertThat(paths).contains("keys generate", "tx sign", "script trace", "msg send", "offers list", "completion");
    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("--help");
      Cli r = Cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(path).isZero();
      assertThat(r.out()).as(path).startsWith("Usage: priwatt " + path).contains("-h, --help", "Exit codes:", "Examples:");
      String description = r.out().lines().skip(1).findFirst().orElseThrow();
      assertThat(description).as(path + " description").isNotBlank();
    }
  }

  private static void collect(CommandLine cmd, String prefix, List<String> paths) {
    cmd.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        String path = (prefix + " " + name).trim();
        paths.add(path);
        collect(sub, path, paths);
      }
    });
  }

  @Test
  void completionScriptCoversTheCommandTree() {
    Cli r = Cli.run("completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F", "priwatt")
        .contains("generate", "validate", "new-identity", "--network", "bitcoin-testnet");
  }

  @Test
  void infoShowsTheBackend() {
    Cli r = Cli.run("info");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("PriWatt SDK", "secp256k1:").containsAnyOf("NATIVE", "BOUNCY_CASTLE");
  }

  @Test
  void failuresAreOneTypedLineUnlessVerbose() {
    Cli quiet = Cli.run("tx", "decode", "00");
    assertThat(quiet.code()).isEqualTo(Main.FAILURE);
    assertThat(quiet.errLines()).hasSize(1);
    assertThat(quiet.errLines().get(0)).startsWith("priwatt tx decode: TRUNCATED");
    Cli verbose = Cli.run("tx", "decode", "00", "--verbose");
    assertThat(verbose.code()).isEqualTo(Main.FAILURE);
    assertThat(verbose.errLines().get(0)).isEqualTo(quiet.errLines().get(0));
    assertThat(verbose.err()).contains("ChainException", "\tat ");
    assertThat(Cli.run("--verbose", "tx", "decode", "00").err()).contains("\tat ");
  }

  @Test
  void demoRunsAndSucceeds() {
    Cli r = Cli.run("demo");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("[" + org.priwatt.examples.demo.CaseOneDemo.STEPS + "/"
        + org.priwatt.examples.demo.CaseOneDemo.STEPS + "]").contains("checks passed");
    assertThat(r.out()).contains("[" + org.priwatt.examples.demo.CaseTwoDemo.STEPS + "/"
        + org.priwatt.examples.demo.CaseTwoDemo.STEPS + "] Bob disappears");
    Cli two = Cli.run("demo", "case2");
    assertThat(two.code()).as(two.out()).isZero();
    assertThat(two.out()).contains("Case 2").doesNotContain("Case 1 trading");
    assertThat(Cli.run("demo", "--bogus").code()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("demo", "case3").code()).isEqualTo(Main.USAGE);
  }
}
