package dev.ticketing.load;

import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Seed report 000: three groups at once in a closed model (each user who finishes is
 * replaced), 60 % booking, 30 % browsing, 10 % paying with too little balance; each user
 * waits at most 30 s to become ACTIVE. With the defaults (-Dusers=200) that is the seed's
 * 120 / 60 / 20 virtual users.
 * <p>
 * Assertions: the seed's thresholds (failed requests &lt; 5 %, p95 &lt; 500 ms — its
 * browsing bound, the tighter of its two), and ours: no failed request at all (5xx,
 * timeouts or unexpected answers; business rejections pass their checks), p95 of every
 * step within {@code -DtargetP95Ms}, and at least {@code -DtargetActivationPercent} of
 * the users ACTIVE within their patience.
 * <p>
 * {@code -DneverLeave=true} replays the seed's clients as they were: nobody calls the
 * leave endpoint (the browsing users look at the seats and go away, the failing payers
 * stop after the refusal, and a user who gives up waiting just goes), so slots free only
 * by payment or idleness.
 */
public class SeedMultiScenario extends Simulation {

	private final LoadSettings settings = LoadSettings.fromSystemProperties();

	private ServiceSampler sampler;

	public SeedMultiScenario() {
		SeedIds ids = SeedIds.read(this.settings.seedDir());
		BookingSteps steps = new BookingSteps(this.settings, ids.signIn());

		// Booking takes two thirds of the rich users, browsing the last third: a user in
		// both groups at once would share one queue token, and a payment in one would
		// end the other's admission.
		ScenarioBuilder booking = scenario("booking").feed(ids.feeder(ids.richUsers(0, 2.0 / 3)))
			.exec(steps.issueToken(), steps.waitForActive(), steps.pickDate(), steps.think(),
					steps.pickSeat(Integer.MAX_VALUE), steps.think(), steps.reserve(), steps.think(), steps.pay(),
					steps.leave());
		ScenarioBuilder browsing = scenario("browsing").feed(ids.feeder(ids.richUsers(2.0 / 3, 1)))
			.exec(steps.issueToken(), steps.waitForActive(), steps.pickDate(), steps.think(),
					steps.pickSeat(Integer.MAX_VALUE), steps.leave());
		ScenarioBuilder failingPayment = scenario("failing payment")
			.feed(ids.feeder(ids.poorUsers().isEmpty() ? ids.richUsers() : ids.poorUsers()))
			.exec(steps.issueToken(), steps.waitForActive(), steps.pickDate(), steps.think(),
					steps.pickSeat(Integer.MAX_VALUE), steps.think(), steps.reserve(), steps.think(),
					steps.payWithoutMoney(), steps.leave());

		int users = this.settings.users();
		List<PopulationBuilder> populations = List.of(booking.injectClosed(closed(share(users, 0.6))),
				browsing.injectClosed(closed(share(users, 0.3))),
				failingPayment.injectClosed(closed(share(users, 0.1))));

		setUp(populations).protocols(steps.protocol())
			.maxDuration(this.settings.maxDuration())
			.assertions(assertions(this.settings));
	}

	@Override
	public void before() {
		this.sampler = ServiceSampler.start(this.settings);
	}

	@Override
	public void after() {
		this.sampler.stop();
		RunSummary.write(getClass().getSimpleName(), this.settings);
	}

	/** Ramp up, plateau, ramp down: the seed's three k6 stages. */
	private ClosedInjectionStep[] closed(int users) {
		return new ClosedInjectionStep[] { rampConcurrentUsers(0).to(users).during(this.settings.ramp()),
				constantConcurrentUsers(users).during(this.settings.duration()),
				rampConcurrentUsers(users).to(0).during(this.settings.ramp()) };
	}

	private static int share(int users, double fraction) {
		return Math.max(1, (int) Math.round(users * fraction));
	}

	static List<Assertion> assertions(LoadSettings settings) {
		List<Assertion> assertions = new ArrayList<>();
		// The seed's thresholds.
		assertions.add(global().failedRequests().percent().lt(5.0));
		assertions.add(global().responseTime().percentile(95.0).lt(settings.seedP95Ms()));
		// Ours.
		assertions.add(global().failedRequests().count().is(0L));
		for (String step : BookingSteps.TIMED_STEPS) {
			assertions.add((step.equals(BookingSteps.STATUS) ? details(BookingSteps.ACTIVATION, step) : details(step))
				.responseTime()
				.percentile(95.0)
				.lte(settings.targetP95Ms()));
		}
		assertions.add(details(BookingSteps.ACTIVATION).successfulRequests()
			.percent()
			.gte(settings.targetActivationPercent()));
		return assertions;
	}

}
