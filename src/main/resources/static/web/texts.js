// The page's texts in its language (rendered into the page from messages*.properties),
// and the formats of numbers, times and durations in that language.
const texts = JSON.parse(document.getElementById('texts').textContent);
const language = document.documentElement.lang || 'en';
const numbers = new Intl.NumberFormat(language);
const dateTimes = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' });
const times = new Intl.DateTimeFormat(language, { timeStyle: 'short' });

/** The text under key, {0}, {1}, … filled in; numbers in the page's language. */
export function t(key, ...values) {
	const text = texts[key] ?? key;
	return text.replace(/\{(\d+)\}/g, (_, i) => {
		const value = values[Number(i)];
		return typeof value === 'number' ? numbers.format(value) : String(value ?? '');
	});
}

export function points(amount) {
	return numbers.format(amount);
}

/**
 * A moment in the page's language, in the browser's time zone or in timeZone (Java's
 * "Z", which Intl rejects, read as UTC).
 */
export function dateTime(iso, timeZone) {
	const format = timeZone ? new Intl.DateTimeFormat(language,
		{ dateStyle: 'full', timeStyle: 'short', timeZone: timeZone === 'Z' ? 'UTC' : timeZone }) : dateTimes;
	return format.format(new Date(iso));
}

export function time(iso) {
	return times.format(new Date(iso));
}

/** A duration in seconds as people say it: "2 min 5 s". */
export function duration(seconds) {
	const s = Math.max(0, Math.ceil(seconds));
	if (s >= 3600) {
		return t('duration.hours', Math.floor(s / 3600), Math.floor((s % 3600) / 60));
	}
	if (s >= 60) {
		return t('duration.minutes', Math.floor(s / 60), s % 60);
	}
	return t('duration.seconds', s);
}

/**
 * What a refusal of the API means, and what to do next, in plain words: said for the
 * scope first where it has its own words ('organiser.error.NOT_PAID'), else as for fans.
 */
export function explain(problem, scope) {
	const wait = duration(problem.retryAfter ?? 1);
	const key = [scope && `${scope}.error.${problem.code}`, 'error.' + problem.code].find((k) => k && k in texts);
	return key ? t(key, wait) : t('error.other');
}
