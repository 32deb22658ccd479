/** The {@code priwatt} command line: one class per command, dispatched by {@link org.priwatt.examples.cli.Main}. */
package org.priwatt.examples.cli;
