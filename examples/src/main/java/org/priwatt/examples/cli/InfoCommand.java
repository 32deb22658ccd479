package org.priwatt.examples.cli;

import java.io.PrintWriter;
import org.priwatt.crypto.Secp256k1;
import picocli.CommandLine.Command;

/** {@code priwatt info}: what this build runs on, for bug reports and benchmarks. */
@Command(name = "info",
    description = "Show the SDK version, the Java runtime and the active secp256k1 backend.",
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt info",
        "  PRIWATT_JAVA_OPTS=-Dpriwatt.secp256k1=bouncycastle priwatt info   force the pure-Java backend"})
final class InfoCommand extends CliCommand {
  @Override
  int run() {
    PrintWriter out = out();
    out.println("PriWatt SDK " + VersionProvider.version());
    out.println("java:      " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    out.println("secp256k1: " + Secp256k1.active() + " - " + Secp256k1.describe());
    out.println("native libsecp256k1 available: " + Secp256k1.isNativeAvailable());
    return Main.OK;
  }
}
