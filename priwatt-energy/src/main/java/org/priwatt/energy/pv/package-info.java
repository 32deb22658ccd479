/**
 * Photovoltaic generation simulated from the Sun's position (paper §4): the NREL Solar Position
 * Algorithm, a clear-sky direct-irradiance model, tilted-panel projection and {@link
 * org.priwatt.energy.pv.PvSimulation}, which turns the paper's five user parameters into energy.
 */
package org.priwatt.energy.pv;
