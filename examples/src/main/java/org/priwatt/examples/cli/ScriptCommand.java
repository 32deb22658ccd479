package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.priwatt.chain.ConsensusApi;
import org.priwatt.crypto.Hex;
import org.priwatt.script.ExecutionListener;
import org.priwatt.script.Opcode;
import org.priwatt.script.Script;
import org.priwatt.script.ScriptError;
import org.priwatt.script.ScriptException;
import org.priwatt.script.ScriptInterpreter;
import org.priwatt.script.SignatureChecker;
import org.priwatt.script.StackView;
import org.priwatt.script.VerifyFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code priwatt script}: watch the interpreter run a script, one opcode at a time. */
@Command(name = "script",
    description = "Scripts: trace the interpreter step by step.",
    subcommands = {ScriptCommand.Trace.class},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt script trace '1 2 ADD 3 EQUAL'"})
final class ScriptCommand {
  private ScriptCommand() {}

  /**
   * {@code script trace}: runs the SDK's interpreter with an {@link ExecutionListener} and prints
   * each executed opcode with both stacks after it. Signatures are not checked (there is no
   * transaction): OP_CHECKSIG pushes false, as Bitcoin Core's interpreter does without a checker.
   */
  @Command(name = "trace",
      description = {"Run a script in the interpreter and print every executed opcode with the stacks after it.",
          "With --script-sig the pair is verified as a spend (scriptSig, then scriptPubKey, then a P2SH redeem",
          "script). No transaction is involved, so signature checks fail. Exit 0 if the script succeeds, 1 if not."},
      footerHeading = "%nExamples:%n",
      footer = {"  priwatt script trace '1 2 ADD 3 EQUAL'",
          "  priwatt script trace 5152935387                         the same script as hex",
          "  priwatt script trace 'DUP HASH160 0x14 0x89abcdefabbaabbaabbaabbaabbaabbaabbaabba EQUALVERIFY CHECKSIG' \\",
          "      --script-sig '0x47 0x3044...01 0x21 0x03...'",
          "Script text is hex, or Bitcoin Core's test assembler: opcodes with or without OP_, decimal numbers,",
          "0x-prefixed raw bytes (pushes need their length byte), 'quoted' strings."})
  static final class Trace extends CliCommand {
    @Parameters(paramLabel = "<script>", converter = Converters.ScriptText.class,
        description = "The script (the scriptPubKey with --script-sig), as hex or assembly.")
    Script script;

    @Option(names = "--script-sig", paramLabel = "<script>", converter = Converters.ScriptText.class,
        description = "A scriptSig to run first; then the pair is verified as a spend.")
    Script scriptSig;

    @Option(names = "--flags", paramLabel = "<list>",
        description = "Verification flags, comma-separated as in Bitcoin Core's tests (P2SH,STRICTENC,...), or NONE. "
            + "Default: the standard flags PriWatt nodes apply.")
    String flags;

    @Override
    int run() throws ScriptException {
      Set<VerifyFlag> active = flags();
      PrintWriter out = out();
      Printer printer = new Printer(out);
      ScriptError result;
      boolean truthy;
      if (scriptSig == null) {
        List<byte[]> stack = new ArrayList<>();
        result = ScriptInterpreter.eval(script, stack, active, SignatureChecker.NONE, printer);
        truthy = !stack.isEmpty() && ScriptInterpreter.castToBool(stack.get(stack.size() - 1));
        if (result == ScriptError.OK && !truthy) {
          result = ScriptError.EVAL_FALSE;
        }
      } else {
        result = ScriptInterpreter.verify(scriptSig, script, active, SignatureChecker.NONE, printer);
      }
      if (printer.steps == 0) {
        out.println("(no opcode executed)");
      }
      out.println("result: " + result + " after " + printer.steps + " opcode(s)");
      if (result != ScriptError.OK) {
        throw new ScriptException(result, "the script fails after " + printer.steps + " opcode(s)");
      }
      return Main.OK;
    }

    private Set<VerifyFlag> flags() {
      if (flags == null) {
        return EnumSet.copyOf(ConsensusApi.STANDARD_FLAGS);
      }
      try {
        EnumSet<VerifyFlag> parsed = VerifyFlag.parseList(flags);
        if (parsed.contains(VerifyFlag.WITNESS) || parsed.contains(VerifyFlag.TAPROOT)) {
          throw usage("--flags: WITNESS and TAPROOT are not supported by the legacy interpreter");
        }
        if (parsed.contains(VerifyFlag.CLEANSTACK) && !parsed.contains(VerifyFlag.P2SH)) {
          throw usage("--flags: CLEANSTACK needs P2SH");
        }
        return parsed;
      } catch (IllegalArgumentException e) {
        throw usage("--flags: " + e.getMessage());
      }
    }
  }

  /** Prints one line per executed opcode, and a header whenever execution moves to another script. */
  private static final class Printer implements ExecutionListener {
    private final PrintWriter out;
    private Script current;
    private int steps;

    Printer(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void onOpcode(Script script, int offset, Opcode opcode, StackView stack, StackView altStack) {
      if (script != current) {
        current = script;
        out.println("script " + (script.length() == 0 ? "(empty)" : script.toString()));
        out.printf("%5s %6s  %-22s %s%n", "step", "offset", "opcode", "stack (top last) | altstack");
      }
      steps++;
      String alt = altStack.size() == 0 ? "" : " | " + render(altStack);
      out.printf("%5d %6d  %-22s %s%s%n", steps, offset, opcode.name(), render(stack), alt);
    }

    private static String render(StackView stack) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < stack.size(); i++) {
        byte[] e = stack.get(i);
        sb.append(i == 0 ? "" : " ").append(e.length == 0 ? "''" : Hex.encode(e));
      }
      return sb.append(']').toString();
    }
  }
}
