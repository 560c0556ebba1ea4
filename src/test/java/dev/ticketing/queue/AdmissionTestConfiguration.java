package dev.ticketing.queue;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Brings the queue's {@code Admission} argument resolver into a web slice of another
 * module, where {@link QueueService} is a mock deciding who is admitted.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(QueueConfiguration.class)
public class AdmissionTestConfiguration {

}
