package dev.ticketing;

import java.util.Set;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.AfterCommit;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.transaction.event.TransactionalEventListener;

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
				"idempotency", "ticket", "waitlist", "challenge", "presale", "saleevents", "mail");
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
	void ticketsLearnOfPaymentsFromTheirEventsAndNoFeatureKnowsThemButTheMailsThatCarryThem() {
		assertThat(dependenciesOf("ticket")).containsOnly("common", "concert", "reservation", "payment");
		modules.stream()
			.filter((m) -> !Set.of("ticket", "mail").contains(m.getIdentifier().toString()))
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

	@Test
	void saleEventsAndMailsLearnOfTheSaleFromEventsAndNoFeatureKnowsThem() {
		assertThat(dependenciesOf("saleevents")).containsOnly("common", "concert", "reservation", "payment");
		modules.stream()
			.filter((m) -> !Set.of("saleevents", "mail").contains(m.getIdentifier().toString()))
			.forEach((m) -> assertThat(dependenciesOf(m.getIdentifier().toString())).as(m.getIdentifier().toString())
				.doesNotContain("saleevents", "mail"));
	}

	/**
	 * Spring Modulith's event publication registry records (and completes, in a
	 * transaction of its own) every invocation of every after-commit
	 * {@code @TransactionalEventListener}: upkeep that runs on every hold would cost
	 * statements and connections per hold. What must not be lost is an
	 * {@code @ApplicationModuleListener}; local upkeep is {@link AfterCommit}.
	 */
	@Test
	void noListenerIsAPlainTransactionalEventListener() {
		ArchRuleDefinition.noMethods()
			.that()
			.areDeclaredInClassesThat()
			.resideInAPackage("dev.ticketing..")
			.should()
			.beAnnotatedWith(TransactionalEventListener.class)
			.because("the event publication registry would record every invocation; use @AfterCommit for upkeep "
					+ "or @ApplicationModuleListener for what must not be lost")
			.check(new ClassFileImporter().importPackages("dev.ticketing"));
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
