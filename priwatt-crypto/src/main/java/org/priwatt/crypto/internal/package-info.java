/**
 * Implementation details of {@code priwatt-crypto}: the two secp256k1 backends and helpers.
 * Never imported by another module; the API is {@link org.priwatt.crypto}.
 */
package org.priwatt.crypto.internal;
