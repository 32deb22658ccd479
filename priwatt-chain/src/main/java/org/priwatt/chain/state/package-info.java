/**
 * Chain state: the set of unspent transaction outputs and read access to it. Block connection,
 * undo data, reorganisation and storage build on these types.
 */
package org.priwatt.chain.state;
