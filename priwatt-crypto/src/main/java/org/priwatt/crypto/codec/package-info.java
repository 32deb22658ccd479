/**
 * The one bounded byte codec every module builds its wire, file and message formats on: {@link
 * org.priwatt.crypto.codec.ByteReader} and {@link org.priwatt.crypto.codec.ByteWriter} (byte order
 * a parameter, Bitmessage's big-endian and Bitcoin's little-endian alike), {@link
 * org.priwatt.crypto.codec.Codec} for a type with a declared maximum size, and {@link
 * org.priwatt.crypto.codec.DecodeException} naming what is wrong and at which offset. Each module
 * maps a {@link org.priwatt.crypto.codec.DecodeError} to its own error enum at its API boundary.
 */
package org.priwatt.crypto.codec;
