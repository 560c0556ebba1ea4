package dev.ticketing.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.IsolatedStores;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rotation as operators run it, over real HTTP in the prod profile: the service seals
 * with {@code token-secret} and still opens tokens of {@code previous-token-secret}, and
 * no other.
 */
@IntegrationTest
@TestPropertySource(properties = "concert.queue.previous-token-secret=" + QueueTokenRotationIntegrationTests.OLD_SECRET)
class QueueTokenRotationIntegrationTests {

	static final String OLD_SECRET = "dGhlIHNlY3JldCBiZWZvcmUgdGhlIHJvdGF0aW9uLCB0ZXN0cyBvbmx5";

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Test
	void aTokenSealedBeforeTheRotationStillOpensAndOneOfAnUnknownKeyOrTamperedIs401() {
		Api api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Rotation", Duration.ofDays(1), 1, Points.of(1));
		UserId fan = this.boxOffice.fan(Points.ZERO);
		String issued = api.token(concert, fan);
		QueueToken entry = QueueToken.verify(issued, QueueTokenKeys.of(IsolatedStores.QUEUE_TOKEN_SECRET, null));
		String status = "/api/v1/queue/concerts/" + concert;

		String sealedBefore = entry.sign(QueueTokenKeys.of(OLD_SECRET, null));
		assertThat(sealedBefore).isNotEqualTo(issued);
		ResponseEntity<JsonNode> before = api.get(status, sealedBefore);
		assertThat(before.getStatusCode().value()).isEqualTo(200);
		assertThat(before.getBody().get("status").asString()).isEqualTo("ACTIVE");
		assertThat(api.get("/api/v1/concerts/" + concert + "/dates", sealedBefore).getStatusCode().value())
			.as("a booking call with it")
			.isEqualTo(200);
		assertThat(api.token(concert, fan)).as("issuing again seals with the current key").isEqualTo(issued);

		String unknown = entry.sign(QueueTokenKeys.of(QueueTokenTests.OTHER_SECRET, null));
		assertInvalid(api.get(status, unknown));
		assertInvalid(api.get("/api/v1/concerts/" + concert + "/dates", unknown));
		char last = issued.charAt(issued.length() - 1);
		assertInvalid(api.get(status, issued.substring(0, issued.length() - 1) + ((last == 'A') ? 'B' : 'A')));

		assertThat(api.get(status, issued).getBody().get("status").asString()).as("nothing changed")
			.isEqualTo("ACTIVE");
	}

	private static void assertInvalid(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getBody().get("code").asString()).isEqualTo("INVALID_TOKEN");
	}

}
