package dev.ticketing.queue;

class InMemoryWaitingQueueContractTests extends WaitingQueueContract {

	@Override
	WaitingQueue queue(int maxActive) {
		return new InMemoryWaitingQueue(maxActive, TTL);
	}

}
