/** Wallet implementation details: the encrypted data file format. Not API. */
package org.priwatt.chain.wallet.internal;
