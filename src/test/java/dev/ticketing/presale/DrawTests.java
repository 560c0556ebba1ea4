package dev.ticketing.presale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lottery's draw is reproducible by anyone: the same seed and registrations give the
 * same winners in any order they are listed, and the README's shell one-liner (sha256sum
 * of "seed:id", sorted) gives the same as the service.
 */
class DrawTests {

	static final String SEED = "0000000000000000000000000000000000000000000000000000000000000001";

	static final List<Long> TEN = LongStream.rangeClosed(1, 10).boxed().toList();

	@Test
	void theWinnersAreThoseTheReadmesShellLineGives() {
		// for id in 1 … 10; do printf '%s %s\n' "$(printf '%s:%s' "$seed" "$id" |
		// sha256sum | cut -c1-64)" "$id"; done | sort | head -n 3
		assertThat(Draw.winners(SEED, TEN, 3)).containsExactly(8L, 9L, 4L);
	}

	@Test
	void theCommitmentIsTheSeedsSha256() {
		// printf '%s' "$seed" | sha256sum
		assertThat(Draw.commitment(SEED)).isEqualTo("c386d8e8d07342f2e39e189c8e6c57bb205bb373fe4e3a6f69404a8bb767b417");
	}

	@Test
	void theSameSeedAndRegistrationsGiveTheSameWinnersWhateverTheirOrder() {
		List<Long> shuffled = new ArrayList<>(TEN);
		Collections.shuffle(shuffled);

		assertThat(Draw.winners(SEED, shuffled, 4)).isEqualTo(Draw.winners(SEED, TEN, 4));
		assertThat(Draw.order(SEED, shuffled)).isEqualTo(Draw.order(SEED, TEN));
	}

	@Test
	void anotherSeedDrawsAnotherOrderAndEveryoneWinsWhenFewerRegisterThanWin() {
		String other = Draw.newSeed();

		assertThat(other).hasSize(64).isNotEqualTo(Draw.newSeed());
		assertThat(Draw.order(other, TEN)).containsExactlyInAnyOrderElementsOf(TEN);
		assertThat(Draw.winners(other, List.of(3L, 5L), 10)).containsExactlyInAnyOrder(3L, 5L);
	}

}
