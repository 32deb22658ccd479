/**
 * Implementation of the NREL Solar Position Algorithm: periodic-term tables, the geocentric and
 * topocentric steps and the per-site constants. Not API; never import from another module.
 */
package org.priwatt.energy.pv.internal;
