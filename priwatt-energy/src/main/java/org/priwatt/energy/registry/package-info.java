/**
 * The DSO: its durable registry of energy ownership ({@link org.priwatt.energy.registry.DsoRegistry}
 * with its write-ahead log), its service on the messaging network ({@link
 * org.priwatt.energy.registry.DsoService}), the requests and replies of its protocol as sealed
 * families, the entry certificates it signs and the secrets it derives.
 */
package org.priwatt.energy.registry;
