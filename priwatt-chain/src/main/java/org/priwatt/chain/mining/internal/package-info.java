/**
 * Implementation details of {@code org.priwatt.chain.mining}: the multi-threaded nonce search
 * over the midstate header hasher and the template roller it asks for a fresh template when a
 * nonce range is exhausted. Uses only {@code org.priwatt.chain.block}; never imported by another
 * module.
 */
package org.priwatt.chain.mining.internal;
