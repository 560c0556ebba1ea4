package dev.ticketing.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.NewConcert;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.support.Browser;

/**
 * The booking page on an arena's hall (10 sections of 50 rows of 100 seats, 50,000 in
 * all) in headless Chromium: prints the time from choosing the date to a usable plan of
 * the hall, from choosing a section of 5,000 seats to its seats in view drawn (every row
 * that meets the window, with its states), the bytes the page moves in 5 s of an open map
 * with nothing changing, and from a click on a seat to the seat shown held. The fan
 * chooses as a person does, a second after the dates, the plan or the last section showed
 * up: the page asks for what is likely chosen next meanwhile. Then, after a reload, the
 * worst case: the date chosen the moment the dates show, and the plan's last section the
 * moment the plan shows. Each time is taken inside the page (performance.now(), until the
 * frame after the change), the bytes from the Resource Timing API's transferSize (headers
 * and body as they crossed the wire). A benchmark, not a test: it prints figures and
 * asserts nothing about time. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=HallBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class HallBenchmark extends BrowserTestSupport {

	/**
	 * Resolves with milliseconds from the click to the frame after {@code done()} holds.
	 */
	private static final String TIMED_CLICK = """
			const [selector, done, callback] = [arguments[0], new Function(arguments[1]), arguments[2]];
			const target = document.querySelector(selector);
			const started = performance.now();
			window.clicked = started;
			target.click();
			const wait = () => done() ? requestAnimationFrame(() => callback(performance.now() - started))
				: requestAnimationFrame(wait);
			wait();""";

	/**
	 * Whether the open section's grid has all its 5,000 seats' rows and every row that
	 * meets the window is in the page with its seats' states: what the fan can see is
	 * drawn.
	 */
	private static final String ROWS_IN_VIEW_DRAWN = """
			(() => {
				const grid = document.querySelector('#seat-map [role="grid"]');
				if (!grid || grid.getAttribute('aria-rowcount') !== '50') {
					return false;
				}
				const box = grid.getBoundingClientRect();
				const height = box.height / 50;
				const first = Math.max(0, Math.floor(-box.top / height));
				const last = Math.min(49, Math.floor((innerHeight - box.top) / height));
				for (let row = first; row <= last; row++) {
					const line = grid.querySelector(`[aria-rowindex="${row + 1}"]`);
					if (!line || line.children.length !== 101 || !line.lastElementChild.dataset.state) {
						return false;
					}
				}
				return true;
			})()""";

	@Test
	void anArenasHallBySections() throws Exception {
		ConcertId concert = this.sales
			.create(new NewConcert("Arena Night", "KSPO Dome", java.time.ZoneId.of("Asia/Seoul"), null, null, null));
		Instant first = Instant.now().plus(Duration.ofDays(3));
		this.sales.addDate(concert, first, SeatMap.spread(10, 50, 50_000, Points.of(99_000)));
		// A second date, so the fan chooses one, as the fan did.
		this.sales.addDate(concert, first.plus(Duration.ofDays(1)), SeatMap.spread(1, 1, 10, Points.of(99_000)));
		this.sales.change(concert, ConcertChanges.status(SaleStatus.ON_SALE));
		Browser fan = browser();
		signInAndJoin(fan, "Arena Night", "bob");
		fan.waitForRole("status", "It is your turn");
		fan.until((driver) -> Long.valueOf(2)
			.equals(fan.script("return document.querySelectorAll('#date-list button').length")));
		// A fan reads the dates before choosing one: a second, as the page has them.
		Thread.sleep(1_000);
		fan.script("performance.setResourceTimingBufferSize(10000); performance.clearResourceTimings();");

		double firstView = timedClick(fan, "#date-list li:first-child button",
				"return document.querySelectorAll('#hall-plan .plan-section').length === 10");
		// Where the first view's time went: the plan's request from the click, the
		// service's share (request sent to first byte, on loopback), the body, and the
		// script.
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> planLoads = (List<Map<String, Object>>) fan.script("""
				return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/hall'))
					.map((e) => ({ sent: Math.round(e.requestStart - window.clicked),
						service: Math.round(e.responseStart - e.requestStart),
						body: Math.round(e.responseEnd - e.responseStart), transfer: e.transferSize }));""");
		List<Double> sectionDraws = new ArrayList<>();
		List<Number> drawnSeats = new ArrayList<>();
		for (int section : new int[] { 0, 1, 2, 3, 4, 0 }) {
			// A fan reads the plan, or the section open, before choosing the next one.
			Thread.sleep(1_000);
			sectionDraws.add(timedClick(fan, "#hall-plan .plan-section:nth-child(" + (section + 1) + ")",
					"return document.querySelector('#section-heading').textContent === 'Section "
							+ (char) ('A' + section) + "' && " + ROWS_IN_VIEW_DRAWN));
			drawnSeats.add((Number) fan.script("return document.querySelectorAll('#seat-map button.seat').length"));
		}
		@SuppressWarnings("unchecked")
		List<Number> scripts = (List<Number>) fan.script(
				"return performance.getEntriesByName('section-draw', 'measure').map((e) => Math.round(e.duration))");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> loads = (List<Map<String, Object>>) fan
			.script("return performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/'))"
					+ ".map((e) => ({ name: e.name.replace(/^.*\\/dates\\/\\d+/, ''), transfer: e.transferSize,"
					+ " body: e.decodedBodySize, millis: Math.round(e.duration) }))");

		// Settle: the first refreshes after the last draw carry nothing new either.
		Thread.sleep(1_500);
		fan.script("performance.clearResourceTimings();");
		Thread.sleep(5_000);
		@SuppressWarnings("unchecked")
		Map<String, Object> idle = (Map<String, Object>) fan
			.script("const all = performance.getEntriesByType('resource');"
					+ " return { requests: all.length, bytes: all.reduce((sum, e) => sum + e.transferSize, 0),"
					+ " names: [...new Set(all.map((e) => e.name.replace(/^.*\\/dates\\/\\d+/, '')))].join(' ') };");

		List<Double> holds = new ArrayList<>();
		for (int seat = 1; seat <= 3; seat++) {
			String selector = "#seat-map [aria-rowindex=\"" + seat + "\"] button.seat:nth-child(" + (seat + 10) + ")";
			holds.add(timedClick(fan, selector,
					"return document.querySelector('" + selector + "').dataset.state === 'mine'"));
		}

		@SuppressWarnings("unchecked")
		List<Number> holdRequests = (List<Number>) fan.script(
				"return performance.getEntriesByType('resource').filter((e) => e.name.includes('/reservations/seats/'))"
						+ ".map((e) => Math.round(e.duration))");

		// The worst case: a fan who chooses the moment each view shows, before anything
		// asked for early is here, and the last section of the plan, the last asked for.
		fan.driver().navigate().refresh();
		fan.until((driver) -> Long.valueOf(2)
			.equals(fan.script("return document.querySelectorAll('#date-list button').length")));
		double firstViewAtOnce = timedClick(fan, "#date-list li:first-child button",
				"return document.querySelectorAll('#hall-plan .plan-section').length === 10");
		double lastSectionAtOnce = timedClick(fan, "#hall-plan .plan-section:nth-child(10)",
				"return document.querySelector('#section-heading').textContent === 'Section J' && "
						+ ROWS_IN_VIEW_DRAWN);

		System.out.printf("%nThe hall by sections, 50,000 seats (10 x 50 rows x 100), headless Chromium%n");
		System.out.printf("first usable view after choosing the date: %.0f ms; the plan's requests: %s%n", firstView,
				planLoads);
		System.out.printf("5,000-seat section drawn after choosing it: %s ms, of which the script: %s ms;"
				+ " seats in the page: %s%n", round(sectionDraws), scripts, drawnSeats);
		System.out.printf("bytes on the wire in 5 s idle: %s in %s requests (%s)%n", idle.get("bytes"),
				idle.get("requests"), idle.get("names"));
		System.out.printf("click to hold shown: %s ms, of which the hold request: %s ms%n", round(holds), holdRequests);
		System.out.printf(
				"chosen the moment each view shows: first usable view %.0f ms, the last section drawn %.0f ms%n",
				firstViewAtOnce, lastSectionAtOnce);
		System.out.printf("answers while drawing (path, bytes on the wire, bytes of JSON, ms):%n");
		loads.forEach((load) -> System.out.printf("  %s %s %s %s%n", load.get("name"), load.get("transfer"),
				load.get("body"), load.get("millis")));
	}

	private static double timedClick(Browser fan, String selector, String done) {
		Object millis = ((org.openqa.selenium.JavascriptExecutor) fan.driver()).executeAsyncScript(TIMED_CLICK,
				selector, done);
		return ((Number) millis).doubleValue();
	}

	private static List<Long> round(List<Double> millis) {
		return millis.stream().map(Math::round).toList();
	}

}
