package dev.ticketing.concert;

/**
 * What a seat is to fans at a moment: free to hold, held by someone whose hold has not
 * run out, or sold. A seat whose hold ran out is free whether or not the sweep has marked
 * it so.
 */
enum SeatState {

	AVAILABLE, HELD, SOLD

}
