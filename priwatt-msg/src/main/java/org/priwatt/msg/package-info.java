/**
 * Bitmessage-style anonymous messaging streams: identities and {@code BM-} addresses, objects
 * with proof-of-work and expiry, ECIES encryption with trial decryption, broadcasts.
 */
package org.priwatt.msg;
