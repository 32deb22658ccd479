/**
 * Mining: block template assembly from the memory pool by ancestor-package fee rate, the
 * coinbase with its BIP 34 height and extra nonce, and the proof-of-work search on all cores.
 */
package org.priwatt.chain.mining;
