package dev.ticketing.load;

import java.util.List;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Seed report 002: a flash crowd for 1,000 seats. Every user goes through the queue,
 * lists the free seats and tries to hold one of the first few ({@code -DhotSeats},
 * default 10), so most attempts collide and are refused 409 SEAT_UNAVAILABLE; the winners
 * pay. Runs until the plateau ends, seats or not: after the sell-out users find no free
 * seat and leave. The audit afterwards proves no seat was sold twice.
 * <p>
 * Assertions: the seed's (no failed request, p95 &lt; 500 ms; and its 50 TPS floor when
 * {@code -DminRps} is given), plus ours as in {@link SeedMultiScenario} except
 * activation, which a flash crowd larger than max-active cannot meet by design.
 */
public class SeatContention extends Simulation {

	private final LoadSettings settings = LoadSettings.fromSystemProperties();

	private ServiceSampler sampler;

	public SeatContention() {
		SeedIds ids = SeedIds.read(this.settings.seedDir());
		BookingSteps steps = new BookingSteps(this.settings, ids.signIn());
		int hotSeats = Integer.getInteger("hotSeats", 10);

		ScenarioBuilder crowd = scenario("flash crowd").feed(ids.feeder(ids.richUsers()))
			.exec(steps.issueToken(), steps.waitForActive(), steps.pickDate(), steps.pickSeat(hotSeats),
					steps.reserve(), steps.pay(), steps.leave());

		int users = this.settings.users();
		List<Assertion> assertions = new java.util.ArrayList<>(SeedMultiScenario.assertions(this.settings));
		assertions.removeLast();
		double minRps = Double.parseDouble(System.getProperty("minRps", "0"));
		if (minRps > 0) {
			assertions.add(global().requestsPerSec().gte(minRps));
		}
		setUp(crowd.injectClosed(rampConcurrentUsers(0).to(users).during(this.settings.ramp()),
				constantConcurrentUsers(users).during(this.settings.duration())))
			.protocols(steps.protocol())
			.maxDuration(this.settings.maxDuration())
			.assertions(assertions);
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

}
