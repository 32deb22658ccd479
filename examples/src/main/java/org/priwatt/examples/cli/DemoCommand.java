package org.priwatt.examples.cli;

import org.priwatt.examples.demo.CaseOneDemo;
import org.priwatt.examples.demo.CaseTwoDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code priwatt demo [case1|case2]}: the paper's two trading cases in process, both by default;
 * exit 0 only if every check held.
 */
@Command(name = "demo",
    description = {"Play the paper's trading cases end to end, in process: Case 1 then Case 2, or the one named.",
        "Case 1: a PV day, a certified offer, payment into the 2-of-3 escrow, the energy transfer, refused cheats,",
        "a dispute, and what an eavesdropping relay could read.",
        "Case 2: a payment channel paying per kWh, one split secret per increment, a refused cheat, the close.",
        "Every claim is checked; exit 0 only if all hold."},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt demo", "  priwatt demo case2"})
final class DemoCommand extends CliCommand {
  /** Which case to play. */
  enum Case { case1, case2 }

  @Parameters(arity = "0..1", paramLabel = "<case>", description = "case1 or case2; both when omitted.")
  Case only;

  @Override
  int run() {
    boolean passed = true;
    if (only == null || only == Case.case1) {
      passed = CaseOneDemo.run(out()).passed();
    }
    if (only == null || only == Case.case2) {
      if (only == null) {
        out().println();
      }
      passed &= CaseTwoDemo.run(out()).passed();
    }
    return passed ? Main.OK : Main.FAILURE;
  }
}
