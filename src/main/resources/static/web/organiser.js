// What the organiser's pages share: signing in as an organiser, saying so plainly when
// the signed-in user is not one, and times in the concert's own time zone.
import { askToSignIn, mountAccount, session } from 'app/auth';
import { explain, t } from 'app/texts';

/**
 * The signed-in user of the page, or null after asking them to sign in. Whether they
 * are an organiser the API says (403 ROLE_REQUIRED), see {@link refused}.
 */
export function signedIn() {
	mountAccount();
	const me = session();
	if (!me) {
		askToSignIn(document.getElementById('sign-in'), t('organiser.signIn'));
	}
	return me;
}

/**
 * Says what a refusal means for the organiser in the element `where`; a refusal that
 * ends the page (not an organiser, signed out) hides the page's tools and says it at the
 * top. Returns whether the page can go on.
 */
export function refused(problem, where) {
	if (problem.code === 'ROLE_REQUIRED' || problem.code === 'UNAUTHENTICATED') {
		document.getElementById('tools').hidden = true;
		document.getElementById('problem').textContent = explain(problem, 'organiser');
		if (problem.code === 'UNAUTHENTICATED') {
			askToSignIn(document.getElementById('sign-in'), t('organiser.signIn'));
		}
		return false;
	}
	(where ?? document.getElementById('problem')).textContent = explain(problem, 'organiser');
	return true;
}

/**
 * The concert's time zone as the browser's clocks take it: Java names UTC "Z", which
 * Intl does not know.
 */
export function clockOf(zone) {
	return zone === 'Z' ? 'UTC' : zone;
}

/** The browser's own time zone, the usual default for a new concert. */
export function localZone() {
	return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** Offers the known time zones in the list of the field's datalist. */
export function offerTimeZones(datalist) {
	const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
	datalist.replaceChildren(...zones.map((zone) => {
		const option = document.createElement('option');
		option.value = zone;
		return option;
	}));
}

function partsIn(zone, epochMillis) {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
		minute: '2-digit', second: '2-digit',
	});
	return Object.fromEntries(format.formatToParts(new Date(epochMillis)).map((part) => [part.type, part.value]));
}

/** How far the zone's wall clock is ahead of UTC at that moment, in milliseconds. */
function offset(zone, epochMillis) {
	const p = partsIn(zone, epochMillis);
	const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute),
		Number(p.second));
	return wall - Math.floor(epochMillis / 1000) * 1000;
}

/** A moment as a datetime-local field shows it, on the zone's wall clock. */
export function wallTime(iso, zone) {
	const p = partsIn(zone, Date.parse(iso));
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** What a datetime-local field says, read on the zone's wall clock, as an ISO instant. */
export function instantOf(local, zone) {
	const [day, clock] = local.split('T');
	const [year, month, date] = day.split('-').map(Number);
	const [hour, minute] = clock.split(':').map(Number);
	const wall = Date.UTC(year, month - 1, date, hour, minute);
	// The offset at the guess may differ from the one at the answer across a clock
	// change: the second pass takes the answer's.
	const first = wall - offset(zone, wall);
	return new Date(wall - offset(zone, first)).toISOString();
}

/** Whether the zone is one the browser knows (the API wants an IANA name). */
export function knownZone(zone) {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	}
	catch {
		return false;
	}
}

/**
 * The concert form's fields as the API takes them. An empty optional field is sent as
 * null, which on a change takes the value away (the sale opens when it goes on sale, the
 * waiting room follows the service's settings, fans may have any number of tickets), as
 * each field's hint says.
 */
export function concertFields(form) {
	const value = (name) => form.elements[name].value.trim();
	const number = (name) => value(name) ? Number(value(name)) : null;
	const zone = value('timeZone');
	const body = { title: value('title'), venue: value('venue'), timeZone: zone };
	if (!value('saleOpensAt')) {
		body.saleOpensAt = null;
	}
	else if (knownZone(zone)) {
		body.saleOpensAt = instantOf(value('saleOpensAt'), zone);
	}
	body.queue = { maxActive: number('maxActive'), admitPerSecond: number('admitPerSecond') };
	body.ticketsPerFan = number('ticketsPerFan');
	return body;
}
