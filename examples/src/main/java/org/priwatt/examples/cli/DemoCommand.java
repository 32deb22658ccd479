package org.priwatt.examples.cli;

import org.priwatt.examples.demo.CaseOneDemo;
import picocli.CommandLine.Command;

/** {@code priwatt demo}: the Case 1 scenario in process; exit 0 only if every check held. */
@Command(name = "demo",
    description = {"Play the paper's Case 1 trade end to end, in process.",
        "A PV day, a certified offer, payment into the 2-of-3 escrow, the energy transfer, refused cheats,",
        "a dispute, and what an eavesdropping relay could read. Every claim is checked; exit 0 only if all hold."},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt demo"})
final class DemoCommand extends CliCommand {
  @Override
  int run() {
    return CaseOneDemo.run(out()).passed() ? Main.OK : Main.FAILURE;
  }
}
