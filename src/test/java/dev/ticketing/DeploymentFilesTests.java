package dev.ticketing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files in {@code deploy/} cannot run here (no container engine), so this
 * checks what can be checked against the service's own configuration: probes ask the
 * Actuator groups on the management port, every environment variable binds to a real
 * property, resources and JVM flags are the seed's spec (1 core / 1 GiB, -Xmx512m, at
 * least 2 replicas), and Kubernetes waits long enough for the graceful shutdown.
 */
class DeploymentFilesTests {

	static final Path DEPLOY = Path.of("deploy");

	static final YAMLMapper yaml = YAMLMapper.builder().build();

	/** Variables the JVM reads itself, not Spring. */
	static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");

	static Map<String, String> config;

	static Set<String> properties;

	static Map<String, JsonNode> k8s;

	@BeforeAll
	static void load() throws IOException {
		config = new HashMap<>();
		flatten("", yaml.readTree(Path.of("src/main/resources/application.yml").toFile()), config);
		flatten("", yaml.readTree(Path.of("src/main/resources/application-prod.yml").toFile()), config);
		properties = new HashSet<>(config.keySet());
		properties.addAll(bootMetadata());
		properties.removeIf((p) -> !ConfigurationPropertyName.isValid(p));
		k8s = new HashMap<>();
		try (var files = Files.list(DEPLOY.resolve("k8s"))) {
			for (Path file : files.toList()) {
				for (JsonNode document : documents(file)) {
					k8s.put(document.get("kind").asString(), document);
				}
			}
		}
	}

	@Test
	void theKubernetesFilesHoldADeploymentServiceHpaPdbAndConfigMap() {
		assertThat(k8s).containsOnlyKeys("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
				"ConfigMap");
	}

	@Test
	void probesAskTheActuatorGroupsOnTheManagementPort() {
		JsonNode container = container();
		int managementPort = Integer.parseInt(config.get("management.server.port"));
		assertThat(containerPort(container, "management")).isEqualTo(managementPort);
		assertThat(configMap().get("MANAGEMENT_SERVER_PORT").asString()).isEqualTo(String.valueOf(managementPort));
		assertThat(config.get("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(config).containsKeys("management.endpoint.health.group.liveness.include",
				"management.endpoint.health.group.readiness.include");
		assertThat(config.get("management.endpoint.health.group.readiness.include").split(","))
			.as("readiness in prod: draining only; a shared store would take every instance out at once")
			.containsExactly("readinessState");
		for (String probe : List.of("startupProbe", "livenessProbe")) {
			assertThat(container.at("/" + probe + "/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
			assertThat(container.at("/" + probe + "/httpGet/port").asString()).isEqualTo("management");
		}
		assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
		assertThat(container.at("/readinessProbe/httpGet/port").asString()).isEqualTo("management");

		JsonNode annotations = k8s.get("Deployment").at("/spec/template/metadata/annotations");
		assertThat(annotations.get("prometheus.io/port").asString()).isEqualTo(String.valueOf(managementPort));
		assertThat(annotations.get("prometheus.io/path").asString()).isEqualTo("/actuator/prometheus");
		assertThat(config.get("management.endpoints.web.exposure.include")).contains("prometheus", "health", "info");
	}

	@Test
	void theServiceSendsTrafficToTheApiPortOnly() {
		JsonNode container = container();
		int serverPort = Integer.parseInt(configMap().get("SERVER_PORT").asString());
		assertThat(containerPort(container, "http")).isEqualTo(serverPort);
		JsonNode ports = k8s.get("Service").at("/spec/ports");
		assertThat(ports.size()).isOne();
		assertThat(ports.get(0).get("targetPort").asString()).isEqualTo("http");
		assertThat(k8s.get("Service").at("/spec/selector"))
			.isEqualTo(k8s.get("Deployment").at("/spec/template/metadata/labels"));
	}

	@Test
	void everyEnvironmentVariableBindsToARealProperty() throws IOException {
		List<String> names = new ArrayList<>();
		configMap().propertyNames().forEach(names::add);
		container().get("env").forEach((env) -> names.add(env.get("name").asString()));
		JsonNode compose = yaml.readTree(DEPLOY.resolve("compose.yaml").toFile());
		compose.at("/services/app/environment").propertyNames().forEach(names::add);
		assertThat(names).contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD", "SPRING_DATA_REDIS_HOST",
				"SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE");
		names.removeAll(JVM_VARIABLES);
		assertThat(names).allSatisfy((name) -> assertThat(boundProperty(name)).as(name).isNotNull());
		assertThat(boundProperty("SPRING_DATASOURCE_NO_SUCH_THING")).isNull();
	}

	@Test
	void composeKeepsRedisWithAofOnAVolumeSoARestartKeepsTheLine() throws IOException {
		JsonNode compose = yaml.readTree(DEPLOY.resolve("compose.yaml").toFile());
		List<String> command = new ArrayList<>();
		compose.at("/services/redis/command").forEach((part) -> command.add(part.asString()));
		assertThat(String.join(" ", command)).contains("--appendonly yes")
			.contains("--appendfsync everysec")
			.contains("--maxmemory-policy noeviction");
		assertThat(compose.at("/services/redis/volumes/0").asString()).isEqualTo("redis:/data");
		assertThat(compose.at("/volumes").has("redis")).isTrue();
	}

	@Test
	void theQueueTokenSecretComesFromASecretAndRotatesWithAnOptionalPreviousOne() throws IOException {
		Map<String, JsonNode> env = new HashMap<>();
		container().get("env").forEach((e) -> env.put(e.get("name").asString(), e));
		assertThat(boundProperty("CONCERT_QUEUE_TOKEN_SECRET")).isEqualTo("concert.queue.token-secret");
		assertThat(boundProperty("CONCERT_QUEUE_PREVIOUS_TOKEN_SECRET"))
			.isEqualTo("concert.queue.previous-token-secret");
		JsonNode current = env.get("CONCERT_QUEUE_TOKEN_SECRET").at("/valueFrom/secretKeyRef");
		JsonNode previous = env.get("CONCERT_QUEUE_PREVIOUS_TOKEN_SECRET").at("/valueFrom/secretKeyRef");
		assertThat(current.get("name").asString()).isNotBlank();
		assertThat(current.has("optional")).as("no instance starts without it").isFalse();
		assertThat(previous.get("name").asString()).isEqualTo(current.get("name").asString());
		assertThat(previous.get("optional").asBoolean()).isTrue();
		List<String> inConfigMap = new ArrayList<>();
		configMap().propertyNames().forEach(inConfigMap::add);
		assertThat(inConfigMap).noneMatch((name) -> name.contains("SECRET"));
		assertThat(config.get("concert.queue.token-secret")).as("no secret in the application's files").isEmpty();

		JsonNode compose = yaml.readTree(DEPLOY.resolve("compose.yaml").toFile());
		assertThat(compose.at("/services/app/environment/CONCERT_QUEUE_TOKEN_SECRET").asString())
			.as("compose refuses to start without it")
			.startsWith("${CONCERT_QUEUE_TOKEN_SECRET:?");
	}

	@Test
	void composePublishesOnThisMachineOnlyAndShipsNoDemoPassword() throws IOException {
		JsonNode compose = yaml.readTree(DEPLOY.resolve("compose.yaml").toFile());
		List<String> published = new ArrayList<>();
		compose.get("services").forEach((service) -> {
			if (service.has("ports")) {
				service.get("ports").forEach((port) -> published.add(port.asString()));
			}
		});
		assertThat(published).as("every published port is bound to loopback")
			.isNotEmpty()
			.allMatch((port) -> port.startsWith("127.0.0.1:"));

		JsonNode env = compose.at("/services/app/environment");
		assertThat(config.get("concert.security.embedded.demo-password")).as("the prod profile has no demo password")
			.isEmpty();
		assertThat(Integer.parseInt(config.get("concert.security.embedded.min-password-length")))
			.isGreaterThanOrEqualTo(16);
		if (env.has("CONCERT_SECURITY_EMBEDDED_ENABLED") && env.get("CONCERT_SECURITY_EMBEDDED_ENABLED").asBoolean()) {
			assertThat(env.path("CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD").asString())
				.as("compose refuses to start the embedded sign-in without a password of the operator's")
				.startsWith("${CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD:?");
		}
		assertThat(boundProperty("CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD"))
			.isEqualTo("concert.security.embedded.demo-password");
	}

	@Test
	void theTicketKeyPairComesFromASecretAndProdRefusesToStartWithoutIt() throws IOException {
		Map<String, JsonNode> env = new HashMap<>();
		container().get("env").forEach((e) -> env.put(e.get("name").asString(), e));
		assertThat(boundProperty("CONCERT_TICKETS_PRIVATE_KEY")).isEqualTo("concert.tickets.private-key");
		assertThat(boundProperty("CONCERT_TICKETS_PUBLIC_KEY")).isEqualTo("concert.tickets.public-key");
		JsonNode privateKey = env.get("CONCERT_TICKETS_PRIVATE_KEY").at("/valueFrom/secretKeyRef");
		JsonNode publicKey = env.get("CONCERT_TICKETS_PUBLIC_KEY").at("/valueFrom/secretKeyRef");
		assertThat(privateKey.get("name").asString()).isNotBlank();
		assertThat(privateKey.has("optional")).as("no instance starts without it").isFalse();
		assertThat(publicKey.get("name").asString()).isEqualTo(privateKey.get("name").asString());
		assertThat(config.get("concert.tickets.private-key")).as("no key in the application's files").isEmpty();
		assertThat(config.get("concert.tickets.key-required")).as("prod requires it").isEqualTo("true");

		JsonNode compose = yaml.readTree(DEPLOY.resolve("compose.yaml").toFile());
		assertThat(compose.at("/services/app/environment/CONCERT_TICKETS_PRIVATE_KEY").asString())
			.as("compose refuses to start without it")
			.startsWith("${CONCERT_TICKETS_PRIVATE_KEY:?");
	}

	/**
	 * The property an environment variable sets, asked of Spring Boot's own binding rules
	 * ({@code SystemEnvironmentPropertySource}), or null if it sets none.
	 */
	private static String boundProperty(String variable) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource("env", Map.of(variable, "value")));
		for (String property : properties) {
			for (ConfigurationPropertySource source : sources) {
				if (source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null) {
					return property;
				}
			}
		}
		return null;
	}

	@Test
	void resourcesAndJvmFlagsAreTheSeedsSpec() throws IOException {
		JsonNode resources = container().get("resources");
		assertThat(resources.at("/requests/cpu").asString()).isEqualTo("500m");
		assertThat(resources.at("/requests/memory").asString()).isEqualTo("512Mi");
		assertThat(resources.at("/limits/cpu").asString()).isIn("1", "1000m");
		assertThat(resources.at("/limits/memory").asString()).isEqualTo("1Gi");
		assertThat(k8s.get("Deployment").at("/spec/replicas").asInt()).isEqualTo(2);

		JsonNode hpa = k8s.get("HorizontalPodAutoscaler").get("spec");
		assertThat(hpa.get("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(hpa.at("/scaleTargetRef/name").asString())
			.isEqualTo(k8s.get("Deployment").at("/metadata/name").asString());
		JsonNode pdb = k8s.get("PodDisruptionBudget").get("spec");
		assertThat(pdb.get("minAvailable").asInt()).isOne();
		assertThat(pdb.at("/selector/matchLabels")).isEqualTo(k8s.get("Deployment").at("/spec/selector/matchLabels"));

		int pool = Integer.parseInt(configMap().get("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE").asString());
		assertThat(pool).as("HikariCP per the seed's spec").isBetween(20, 30);

		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		assertThat(dockerfile.lines().filter((l) -> l.startsWith("FROM ")).count()).as("multi-stage").isEqualTo(2);
		assertThat(dockerfile).contains("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
		String user = dockerfile.lines().filter((l) -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
		assertThat(user).as("runs as a non-root user").doesNotContain("root").doesNotMatch("USER 0(:.*)?");
		assertThat(k8s.get("Deployment").at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
		assertThat(dockerfile).contains("EXPOSE 8080 " + config.get("management.server.port"));
	}

	@Test
	void kubernetesWaitsForThePreStopPauseAndTheGracefulShutdown() {
		assertThat(config.get("server.shutdown")).isEqualTo("graceful");
		Duration drain = DurationStyle.detectAndParse(config.get("spring.lifecycle.timeout-per-shutdown-phase"));
		JsonNode preStop = container().at("/lifecycle/preStop/exec/command");
		Duration pause = Duration.ofSeconds(Long.parseLong(preStop.get(preStop.size() - 1).asString()));
		long grace = k8s.get("Deployment").at("/spec/template/spec/terminationGracePeriodSeconds").asLong();
		assertThat(Duration.ofSeconds(grace)).isGreaterThan(pause.plus(drain));
	}

	@Test
	void haproxySendsTheServicesConnectionsToThePrimaryAndClosesThoseToANodeMarkedDown() throws Exception {
		String config = haproxyConfig("postgres-ha.sh");
		assertThat(config).contains("http-check send meth GET uri /primary")
			.contains("http-check expect status 200")
			.contains("on-marked-down shutdown-sessions")
			.doesNotContain("/replica");
	}

	@Test
	void haproxyChecksEachInstanceOnTheReadinessGroupOfItsManagementPort() throws Exception {
		String haproxy = haproxyConfig("instances.sh");
		assertThat(haproxy).contains("http-check send meth GET uri /actuator/health/readiness")
			.contains("http-check expect status 200")
			.contains("retry-on conn-failure");
		List<MatchResult> servers = Pattern.compile("server app\\d 127\\.0\\.0\\.1:(\\d+) check port (\\d+)")
			.matcher(haproxy)
			.results()
			.toList();
		assertThat(servers).hasSize(3)
			.as("checked on the management port, apart from the API")
			.allSatisfy((server) -> assertThat(server.group(1)).isNotEqualTo(server.group(2)));
		assertThat(config.get("management.endpoint.health.group.readiness.include")).contains("readinessState");
	}

	@Test
	void haproxyKeepsAWaitingFansWebSocketOpenLongerThanARequest() throws Exception {
		String haproxy = haproxyConfig("instances.sh");
		Matcher tunnel = Pattern.compile("(?m)^\\s*timeout tunnel (\\S+)$").matcher(haproxy);
		assertThat(tunnel.find()).as("upgraded connections are timed apart from requests").isTrue();
		assertThat(DurationStyle.detectAndParse(tunnel.group(1)))
			.as("a status channel outlives the 2 min of a request by far")
			.isGreaterThanOrEqualTo(Duration.ofHours(1));
	}

	/**
	 * The HAProxy configuration a deploy/local script writes; checked by HAProxy itself
	 * where it is installed.
	 */
	private static String haproxyConfig(String script) throws Exception {
		Process process = new ProcessBuilder("bash", DEPLOY.resolve("local").resolve(script).toString(),
				"haproxy-config")
			.redirectErrorStream(true)
			.start();
		String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(printed).isZero();
		Path file = Files.createTempFile("haproxy", ".cfg");
		try {
			Files.writeString(file, printed);
			boolean installed = Stream.of(System.getenv("PATH").split(":"))
				.anyMatch((folder) -> Files.isExecutable(Path.of(folder, "haproxy")));
			if (installed) {
				Process check = new ProcessBuilder("haproxy", "-c", "-f", file.toString()).redirectErrorStream(true)
					.start();
				String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(check.waitFor()).as(said).isZero();
			}
			return printed;
		}
		finally {
			Files.delete(file);
		}
	}

	private static JsonNode container() {
		return k8s.get("Deployment").at("/spec/template/spec/containers/0");
	}

	private static JsonNode configMap() {
		return k8s.get("ConfigMap").get("data");
	}

	private static int containerPort(JsonNode container, String name) {
		for (JsonNode port : container.get("ports")) {
			if (port.get("name").asString().equals(name)) {
				return port.get("containerPort").asInt();
			}
		}
		throw new AssertionError("no port named " + name);
	}

	private static List<JsonNode> documents(Path file) throws IOException {
		try (var values = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
			List<JsonNode> documents = new ArrayList<>();
			values.forEachRemaining((d) -> documents.add((JsonNode) d));
			return documents;
		}
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
		if (node.isObject()) {
			node.properties()
				.forEach((e) -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
		}
		else if (node.isArray()) {
			into.put(prefix, node.toString());
		}
		else {
			into.put(prefix, node.asString());
		}
	}

	/** Every property Spring Boot and the libraries on the classpath document. */
	private static Set<String> bootMetadata() throws IOException {
		Set<String> names = new HashSet<>();
		Enumeration<URL> files = DeploymentFilesTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (files.hasMoreElements()) {
			try (InputStream in = files.nextElement().openStream()) {
				JsonNode properties = JsonMapper.shared().readTree(in).get("properties");
				if (properties != null) {
					properties.forEach((p) -> names.add(p.get("name").asString()));
				}
			}
		}
		return names;
	}

}
