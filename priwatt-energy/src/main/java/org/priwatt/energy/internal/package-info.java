/**
 * Mechanics shared by the energy module's packages and by nothing else: domain-separated
 * signatures and the mapping of codec failures. Never imported from another module (the build
 * checks it).
 */
package org.priwatt.energy.internal;
