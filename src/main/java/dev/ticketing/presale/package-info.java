/**
 * Presales: before the general sale, a concert's line takes only invited fans, those
 * holding a single-use access code the organiser generated and those a reproducible
 * lottery drew from the fans who registered. At the general sale the same line opens to
 * all. The queue knows it only as a {@link dev.ticketing.common.LineEntryCheck}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Presale")
package dev.ticketing.presale;
