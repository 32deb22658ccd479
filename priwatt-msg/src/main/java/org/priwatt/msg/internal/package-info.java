/**
 * Implementation details of {@code priwatt-msg} (byte readers, varints, Base58 over integers,
 * plaintext layouts, proof-of-work workers); never imported from another module.
 */
package org.priwatt.msg.internal;
