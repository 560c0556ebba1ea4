package dev.ticketing.concert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large hall's seat map is gzipped for a client that accepts it, a fraction of its
 * size, and sent as it is to one that does not.
 */
@IntegrationTest
class SeatMapCompressionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Test
	void aLargeSeatMapIsGzippedForClientsThatAcceptItAndPlainForOthers() throws Exception {
		OnSale sale = this.boxOffice.concertOnSale("Stadium", 5_000, Points.of(1_000));
		String token = new Api(this.port).token(sale.concert(), this.boxOffice.fan(Points.ZERO));
		String path = "/api/v1/concerts/" + sale.concert() + "/dates/" + sale.date().value() + "/seat-map";
		Wire wire = new Wire(this.port);

		HttpResponse<byte[]> plain = wire.getBytes(path, token);
		HttpResponse<byte[]> gzipped = wire.getBytes(path, token, "Accept-Encoding", "gzip");

		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(plain.body().length).as("5,000 seats as JSON").isGreaterThan(200_000);
		assertThat(gzipped.statusCode()).isEqualTo(200);
		assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gzipped.headers().allValues("Vary")).as("caches keep the two apart")
			.anySatisfy((vary) -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
		assertThat(gzipped.body().length).as("a tenth of the plain size at most").isLessThan(plain.body().length / 10);
		assertThat(gunzip(gzipped.body())).as("the same seat map").isEqualTo(plain.body());
	}

	private static byte[] gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

}
