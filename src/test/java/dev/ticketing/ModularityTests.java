package dev.ticketing;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top-level packages are modules with no cycles between them, and none reaches into
 * another's internals.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(ConcertBookingApplication.class);

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
		modules.verify();
	}

	@Test
	void everyFeatureIsAModule() {
		assertThat(modules.stream().map((m) -> m.getIdentifier().toString())).contains("queue", "concert",
				"reservation", "point", "payment", "common", "seed", "monitoring", "audit", "identity", "limits",
				"idempotency", "ticket", "waitlist", "challenge", "presale");
	}

	@Test
	void noFeatureDependsOnMonitoring() {
		modules.stream()
			.filter((m) -> !m.getIdentifier().toString().equals("monitoring"))
			.forEach((m) -> assertThat(dependenciesOf(m.getIdentifier().toString())).as(m.getIdentifier().toString())
				.doesNotContain("monitoring"));
	}

	@Test
	void theCatalogueAndTheWalletsDependOnNoOtherFeature() {
		assertThat(dependenciesOf("concert")).containsOnly("common");
		// Safe retries of a charge are no feature: the answers it records know no wallet.
		assertThat(dependenciesOf("point")).containsOnly("common", "idempotency");
	}

	@Test
	void safeRetriesKnowNoFeatureTheyAnswerFor() {
		assertThat(dependenciesOf("idempotency")).containsOnly("common");
	}

	@Test
	void paymentBuildsOnReservationsAndWalletsWhileTheQueueKnowsOnlyPaymentEvents() {
		assertThat(dependenciesOf("payment")).contains("reservation", "point").doesNotContain("queue");
		assertThat(dependenciesOf("queue")).containsOnly("common", "payment");
	}

	@Test
	void theLimitsKnowOfNoFeatureButTheQueuesStreamRulesAndNoFeatureKnowsThem() {
		// Which of the queue's types: the limits' allowedDependencies, held by verify().
		assertThat(dependenciesOf("limits")).containsOnly("common", "queue");
		modules.stream()
			.filter((m) -> !m.getIdentifier().toString().equals("limits"))
			.forEach((m) -> assertThat(dependenciesOf(m.getIdentifier().toString())).as(m.getIdentifier().toString())
				.doesNotContain("limits"));
	}

	@Test
	void theAuditReadsTheStoresAndKnowsOfNoFeatureButTheQueuesCensus() {
		// Which of the queue's types: the audit's allowedDependencies, held by verify().
		assertThat(dependenciesOf("audit")).containsOnly("common", "queue");
	}

	@Test
	void ticketsLearnOfPaymentsFromTheirEventsAndNoFeatureKnowsThem() {
		assertThat(dependenciesOf("ticket")).containsOnly("common", "concert", "reservation", "payment");
		modules.stream()
			.filter((m) -> !m.getIdentifier().toString().equals("ticket"))
			.forEach((m) -> assertThat(dependenciesOf(m.getIdentifier().toString())).as(m.getIdentifier().toString())
				.doesNotContain("ticket"));
	}

	@Test
	void theAuditLogKnowsNoFeatureAndNoFeatureKnowsIt() {
		// It hears of privileged actions through common's event, of who and where from
		// the
		// request.
		assertThat(dependenciesOf("auditlog")).containsOnly("common");
		modules.stream()
			.filter((m) -> !m.getIdentifier().toString().equals("auditlog"))
			.forEach((m) -> assertThat(dependenciesOf(m.getIdentifier().toString())).as(m.getIdentifier().toString())
				.doesNotContain("auditlog"));
	}

	@Test
	void waitingListsServeTheReleasePathThroughItsPortAndNoFeatureKnowsThem() {
		// The reservation module declares the port (WaitingList) that the waiting lists
		// implement, so releasing a seat knows of no waiting list.
		assertThat(dependenciesOf("waitlist")).containsOnly("common", "concert", "reservation");
		modules.stream()
			.filter((m) -> !m.getIdentifier().toString().equals("waitlist"))
			.forEach((m) -> assertThat(dependenciesOf(m.getIdentifier().toString())).as(m.getIdentifier().toString())
				.doesNotContain("waitlist"));
	}

	@Test
	void theChecksBeforeJoiningALineKnowNoFeatureAndNoFeatureKnowsThem() {
		// The queue asks them through common's LineEntryCheck, knowing neither.
		for (String check : new String[] { "challenge", "presale" }) {
			assertThat(dependenciesOf(check)).as(check).containsOnly("common");
			modules.stream()
				.filter((m) -> !m.getIdentifier().toString().equals(check))
				.forEach(
						(m) -> assertThat(dependenciesOf(m.getIdentifier().toString())).as(m.getIdentifier().toString())
							.doesNotContain(check));
		}
	}

	private static java.util.List<String> dependenciesOf(String module) {
		return modules.getModuleByName(module)
			.orElseThrow()
			.getDirectDependencies(modules)
			.uniqueModules()
			.map((m) -> m.getIdentifier().toString())
			.toList();
	}

}
