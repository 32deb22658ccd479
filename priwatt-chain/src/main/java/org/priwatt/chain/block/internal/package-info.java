/**
 * Implementation details of {@code org.priwatt.chain.block}: 256-bit little-endian number helpers
 * and the direct SHA-256 compression the header hasher uses. Uses nothing of the module; never
 * imported by another module.
 */
package org.priwatt.chain.block.internal;
