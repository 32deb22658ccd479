/** Wallet implementation details: the cipher of the wallet file's data section. Not API. */
package org.priwatt.chain.wallet.internal;
