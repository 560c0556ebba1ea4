package dev.ticketing;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ticketing.support.Api;

import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code concert.security.mode=open}, the seed system's trust model: its clients, which
 * never sign in, run the whole booking flow unchanged.
 */
@TestPropertySource(properties = "concert.security.mode=open")
class OpenModeIntegrationTests extends BookingFlowIntegrationTests {

	@Override
	Api api() {
		return new Api(this.port).anonymous();
	}

	@Test
	void anUnknownUserIsStillNotFoundAndGetsNoWallet() {
		String nobody = UUID.randomUUID().toString();
		assertThat(api().get("/api/v1/users/" + nobody + "/points", null).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(api().post("/api/v1/users/" + nobody + "/points/charge", null, Map.of("amount", 10)).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

}
