/**
 * Data for demos and load tests: the embedded mode's demo catalogue, and the {@code seed}
 * command that fills a database and writes the ids in the format the load test clients
 * read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Seed")
package dev.ticketing.seed;
