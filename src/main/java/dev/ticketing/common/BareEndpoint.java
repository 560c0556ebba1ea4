package dev.ticketing.common;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest request this service can answer, the ceiling the benchmarks measure every
 * other endpoint against in the same run. Off unless {@code concert.bench.bare-endpoint}
 * is set.
 */
@RestController
@ConditionalOnProperty(name = "concert.bench.bare-endpoint", havingValue = "true")
class BareEndpoint {

	@GetMapping("/bench/bare")
	String bare() {
		return "ok";
	}

}
