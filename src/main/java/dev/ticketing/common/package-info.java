/**
 * Shared vocabulary of every module: identifiers, money, the admission a queue token
 * grants (and the pass any genuine token is, for a holder's own holds), and the problem
 * responses every error becomes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Common",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.ticketing.common;
