/**
 * Implementation of the script module: the opcode table with its handlers, the tokenizer, the
 * execution machine and encoding checks. Not API: never import from another module.
 */
package org.priwatt.script.internal;
