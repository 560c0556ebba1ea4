/**
 * A cost to join a concert's line: when the organiser asks for it, a queue token is
 * issued only with a solved proof-of-work challenge (ALTCHA's protocol), bound to the fan
 * and the concert, used once, expiring, whose cost rises while the concert's joins per
 * second run above a threshold. The queue knows it only as a
 * {@link dev.ticketing.common.LineEntryCheck}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Join challenge")
package dev.ticketing.challenge;
