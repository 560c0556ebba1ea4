package dev.ticketing.concert;

import dev.ticketing.common.ConcertId;

public record Concert(ConcertId id, String title, String venue) {
}
