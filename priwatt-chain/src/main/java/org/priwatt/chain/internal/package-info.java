/**
 * Implementation details of {@code priwatt-chain}; never imported by another module.
 */
package org.priwatt.chain.internal;
