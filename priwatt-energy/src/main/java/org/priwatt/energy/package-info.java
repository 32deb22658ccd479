/**
 * Energy trading (paper §3.1): DSO registry and ownership secrets, the auction board, the Case 1
 * trade with 2-of-3 escrow and dispute path, and PV generation simulated from the sun's position.
 */
package org.priwatt.energy;
