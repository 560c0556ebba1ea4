/**
 * The audit log of privileged actions: every organiser change to a sale and every refund,
 * recorded append-only in the transaction of the change itself, with who made it, from
 * which address and when; readable by organisers only. It learns of the actions from
 * {@link dev.ticketing.common.PrivilegedActionTaken}, and of who and where from the
 * request: no feature module knows of it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log")
package dev.ticketing.auditlog;
