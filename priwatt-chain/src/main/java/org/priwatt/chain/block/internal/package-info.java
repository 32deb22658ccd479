/**
 * Implementation details of {@code org.priwatt.chain.block}: 256-bit little-endian number helpers
 * shared by the proof-of-work code. Never imported from another package or module.
 */
package org.priwatt.chain.block.internal;
