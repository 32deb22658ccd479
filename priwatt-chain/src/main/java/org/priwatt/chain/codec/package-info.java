/**
 * The consensus codec pattern shared by transactions, blocks and headers: a {@link
 * org.priwatt.chain.codec.Codec} encodes a value into a {@link org.priwatt.chain.codec.ByteWriter}
 * and decodes it from a bounded {@link org.priwatt.chain.codec.ByteReader}, each type declaring
 * its maximum encoded size. Independent of any I/O; decode failures are typed {@code
 * ChainException}s, never index errors.
 */
package org.priwatt.chain.codec;
