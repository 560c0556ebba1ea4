package dev.ticketing.common;

import org.junit.jupiter.api.Test;

import static dev.ticketing.common.SaleStatus.CLOSED;
import static dev.ticketing.common.SaleStatus.DRAFT;
import static dev.ticketing.common.SaleStatus.ON_SALE;
import static dev.ticketing.common.SaleStatus.PAUSED;
import static org.assertj.core.api.Assertions.assertThat;

class SaleStatusTests {

	@Test
	void aSaleGoesOnSalePausesResumesAndClosesAndNeverBack() {
		assertThat(SaleStatus.sourcesOf(ON_SALE)).containsExactlyInAnyOrder(DRAFT, PAUSED);
		assertThat(SaleStatus.sourcesOf(PAUSED)).containsExactly(ON_SALE);
		assertThat(SaleStatus.sourcesOf(CLOSED)).containsExactlyInAnyOrder(ON_SALE, PAUSED);
		assertThat(SaleStatus.sourcesOf(DRAFT)).isEmpty();
		assertThat(CLOSED.canBecome(ON_SALE)).isFalse();
		assertThat(DRAFT.canBecome(CLOSED)).isFalse();
	}

	@Test
	void onlyASaleOnSaleAdmitsAndAClosedOneTakesNoHolds() {
		assertThat(ON_SALE.admits()).isTrue();
		assertThat(PAUSED.admits()).isFalse();
		assertThat(PAUSED.takesHolds()).isTrue();
		assertThat(CLOSED.takesHolds()).isFalse();
		assertThat(DRAFT.visibleToFans()).isFalse();
	}

}
