package dev.ticketing.queue;

class InMemoryWaitingQueueContractTests extends WaitingQueueContract {

	@Override
	WaitingQueue queue(QueueProperties settings) {
		return new InMemoryWaitingQueue(settings);
	}

}
