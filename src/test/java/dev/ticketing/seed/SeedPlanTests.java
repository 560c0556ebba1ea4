package dev.ticketing.seed;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.common.InvalidInput;
import dev.ticketing.concert.SeatMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SeedPlanTests {

	@Test
	void parsesSpaceSeparatedOptionsAndDefaultsTheRest() {
		SeedPlan plan = SeedPlan.parse(new String[] { "--concerts", "2", "--seats-per-date", "1000", "--out", "dir" });
		assertThat(plan.concerts()).isEqualTo(2);
		assertThat(plan.seatsPerDate()).isEqualTo(1000);
		assertThat(plan.out()).isEqualTo(Path.of("dir"));
		assertThat(plan.datesPerConcert()).isEqualTo(1);
		assertThat(plan.richUsers()).isEqualTo(1000);
		assertThat(plan.poorUsers()).isEqualTo(200);
		assertThat(plan.price()).isEqualTo(50_000);
	}

	@Test
	void parsesEqualsSeparatedOptions() {
		SeedPlan plan = SeedPlan.parse(new String[] { "--concerts=3", "--dates-per-concert=2", "--seats-per-date=50",
				"--rich-users=10", "--poor-users=0", "--price=700", "--out=/tmp/seed" });
		assertThat(plan).isEqualTo(new SeedPlan(3, 2, 50, 10, 0, 700, Path.of("/tmp/seed"), null));
	}

	@Test
	void parsesMixedForms() {
		SeedPlan plan = SeedPlan.parse(new String[] { "--concerts=2", "--seats-per-date", "10" });
		assertThat(plan.concerts()).isEqualTo(2);
		assertThat(plan.seatsPerDate()).isEqualTo(10);
	}

	@Test
	void usesDefaultsWithoutArguments() {
		assertThat(SeedPlan.parse(new String[0]))
			.isEqualTo(new SeedPlan(1, 1, 1000, 1000, 200, 50_000, Path.of("."), null));
	}

	@Test
	void parsesAHallOfSectionsAndRows() {
		SeedPlan plan = SeedPlan.parse(new String[] { "--seats-per-date", "1000", "--sections", "4", "--rows", "10" });
		assertThat(plan.sections()).isEqualTo(4);
		assertThat(plan.rows()).isEqualTo(10);
		assertThat(plan.seatMap().totalSeats()).isEqualTo(1000);
		assertThat(plan.seatMap().sections()).extracting(SeatMap.Section::name).containsExactly("A", "B", "C", "D");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--sections=0", "--rows=-1", "--sections=40", "--seats-per-date=100001" })
	void rejectsAHallThatCannotBeLaidOut(String option) {
		assertRejected("--seats-per-date=10", "--rows=1", option);
	}

	@Test
	void givesRichUsersEnoughForEverySeat() {
		SeedPlan plan = SeedPlan.parse(new String[] { "--concerts", "2", "--dates-per-concert", "3", "--seats-per-date",
				"100", "--price", "10" });
		assertThat(plan.richBalance()).isEqualTo(2 * 3 * 100 * 10L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "--venues=2", "--concert=2", "--CONCERTS=2", "--=2" })
	void rejectsUnknownOptions(String option) {
		assertRejected(option);
	}

	@Test
	void rejectsUnknownOptionGivenWithSeparateValue() {
		assertRejected("--users", "5");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--concerts=two", "--concerts=", "--seats-per-date=1.5", "--price=1e3",
			"--concerts=9223372036854775808", "--rich-users= 5" })
	void rejectsNonNumbers(String option) {
		assertRejected(option);
	}

	@ParameterizedTest
	@ValueSource(strings = { "--concerts=4294967298", "--seats-per-date=4294968296", "--rich-users=2147483648" })
	void rejectsCountsTooLargeForAnIntInsteadOfWrappingThem(String option) {
		assertRejected(option);
	}

	@Test
	void rejectsOptionWithoutValue() {
		assertRejected("--concerts");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2", "-c", "concerts=2" })
	void rejectsArgumentsThatAreNotOptions(String argument) {
		assertRejected(argument);
	}

	@ParameterizedTest
	@ValueSource(strings = { "--concerts=-1", "--dates-per-concert=0", "--seats-per-date=0", "--rich-users=-5",
			"--poor-users=-1", "--price=0" })
	void rejectsCountsOutOfRange(String option) {
		assertRejected(option);
	}

	private static void assertRejected(String... args) {
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> SeedPlan.parse(args))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("INVALID_SEED_PLAN"));
	}

}
