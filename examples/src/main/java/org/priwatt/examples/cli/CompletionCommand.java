package org.priwatt.examples.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code priwatt completion}: the bash/zsh completion script, generated from the command tree. */
@Command(name = "completion",
    description = {"Print the bash completion script.",
        "Generated from the commands, so it always matches this version. Works in zsh too after",
        "'autoload -U +X bashcompinit && bashcompinit'."},
    footerHeading = "%nExamples:%n",
    footer = {"  source <(priwatt completion)                        this shell only",
        "  priwatt completion > ~/.local/share/bash-completion/completions/priwatt   every new shell"})
final class CompletionCommand extends CliCommand {
  @Override
  int run() {
    out().print(AutoComplete.bash("priwatt", spec.root().commandLine()));
    return Main.OK;
  }
}
