/**
 * Shared vocabulary of every module: identifiers, money, the admission a queue token
 * grants, and the problem responses every error becomes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Common",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.ticketing.common;
