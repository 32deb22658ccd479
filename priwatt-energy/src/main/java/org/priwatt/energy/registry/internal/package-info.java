/**
 * Implementation details of priwatt-energy: byte codecs, the write-ahead log, atomic files and
 * the event codec. Never imported by another module.
 */
package org.priwatt.energy.internal;
