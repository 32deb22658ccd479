/**
 * The auction board (paper §3.1, "Matching and Validation"): signed, DSO-certified offers
 * broadcast anonymously, and MATCH over the live ones.
 */
package org.priwatt.energy.market;
