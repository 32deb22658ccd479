/**
 * Implementation details of {@code priwatt-msg} (Base58 over integers, plaintext layouts,
 * signatures, proof-of-work workers); never imported from another module. Bytes are read and
 * written with {@code org.priwatt.crypto.codec}.
 */
package org.priwatt.msg.internal;
