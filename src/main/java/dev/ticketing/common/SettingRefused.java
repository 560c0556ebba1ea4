package dev.ticketing.common;

/**
 * A setting that stops the service at start-up: a secret or key missing where it is
 * needed, weak or unusable. Its reason and what to do are reported as they are
 * ({@link SettingRefusedFailureAnalyzer}), instead of the chain of beans that could not
 * be created because of it. Neither ever shows a secret.
 */
public class SettingRefused extends IllegalStateException {

	private final String reason;

	private final String action;

	protected SettingRefused(String reason, String action) {
		super(reason + " " + action);
		this.reason = reason;
		this.action = action;
	}

	/** What is wrong, naming the setting. */
	public String reason() {
		return this.reason;
	}

	/** What the operator should do. */
	public String action() {
		return this.action;
	}

}
