package org.priwatt.examples.cli;

import org.priwatt.crypto.NetworkParameters;
import picocli.CommandLine.Option;

/** The {@code --network} option, mixed into every command that prints or reads addresses. */
final class NetworkOption {
  @Option(names = "--network", paramLabel = "<id>", defaultValue = "priwatt",
      converter = Converters.Network.class, completionCandidates = Converters.NetworkIds.class,
      description = "Address and WIF network: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  NetworkParameters network;
}
