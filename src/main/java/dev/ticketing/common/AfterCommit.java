package dev.ticketing.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AliasFor;

/**
 * An event listener for upkeep of this instance (claims in Redis, caches, queue slots,
 * metrics) that runs once the publishing transaction has committed and given its
 * connection back to the pool ({@link AfterRelease}), on the same thread, before the
 * caller's call returns; a rolled-back transaction runs nothing.
 * <p>
 * Deliberately not a {@code @TransactionalEventListener}: Spring Modulith's event
 * publication registry writes a row for every invocation of every after-commit
 * transactional listener, and marks it complete in a transaction of its own, which for
 * upkeep run on every hold would cost three statements and two connections per hold and
 * per listener, for work that corrects itself if lost. Only what must not be lost (the
 * sale events sent to the broker, the mails) goes through the registry, as an
 * {@code @ApplicationModuleListener}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EventListener
public @interface AfterCommit {

	/** The event types listened to, if not the method's parameter's. */
	@AliasFor(annotation = EventListener.class, attribute = "classes")
	Class<?>[] value() default {};

	/**
	 * Whether to run at once when the event is published outside any transaction (as
	 * {@code @TransactionalEventListener#fallbackExecution}); otherwise such an event is
	 * ignored.
	 */
	boolean fallbackExecution() default false;

}
