// A concert's presale for its organiser: when the general sale opens, the lottery's
// window and winners, access codes to generate and download, and the draw with its seed.
import * as api from 'app/api';
import { clockOf, instantOf, refused, signedIn, wallTime } from 'app/organiser';
import { dateTime, t } from 'app/texts';

const concertId = document.body.dataset.concert;
const byId = (id) => document.getElementById(id);
const me = signedIn();
let zone = 'UTC';

function show(presale) {
	const form = byId('presale-form');
	form.elements.generalSaleAt.value = wallTime(presale.generalSaleAt, zone);
	if (presale.lottery) {
		form.elements.registrationOpensAt.value = wallTime(presale.lottery.registrationOpensAt, zone);
		form.elements.registrationClosesAt.value = wallTime(presale.lottery.registrationClosesAt, zone);
		form.elements.winners.value = presale.lottery.winners;
	}
	byId('codes-count').textContent = t('managePresale.codesCount', presale.codes, presale.codesRedeemed);
	byId('registrations').textContent = presale.lottery
		? t('managePresale.registrations', presale.registrations, presale.lottery.winners) : t('managePresale.noLottery');
	byId('run-draw').hidden = !presale.lottery || Boolean(presale.lottery.drawnAt);
	showDraw(presale.lottery, presale.winners);
}

function showDraw(lottery, winners) {
	if (!lottery) {
		byId('draw-seed').textContent = '';
		return;
	}
	byId('draw-status').textContent = lottery.drawnAt ? t('managePresale.drawn', dateTime(lottery.drawnAt), winners) : '';
	byId('draw-seed').textContent = lottery.seed
		? t('presale.seed', lottery.seed, lottery.seedCommitment) : t('presale.commitment', lottery.seedCommitment);
}

async function load() {
	try {
		const concert = await api.organiserConcert(me, concertId);
		zone = clockOf(concert.timeZone);
		byId('title').textContent = t('managePresale.of', concert.title);
		byId('tools').hidden = false;
		show(await api.organiserPresale(me, concertId));
	}
	catch (refusal) {
		if (refusal.code !== 'PRESALE_NOT_FOUND') {
			refused(refusal);
		}
	}
}

byId('presale-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	byId('presale-problem').textContent = '';
	byId('presale-status').textContent = '';
	const value = (name) => event.target.elements[name].value.trim();
	const at = (name) => value(name) ? instantOf(value(name), zone) : null;
	const body = { generalSaleAt: at('generalSaleAt') };
	if (value('winners') || value('registrationOpensAt') || value('registrationClosesAt')) {
		body.lottery = { registrationOpensAt: at('registrationOpensAt'), registrationClosesAt: at('registrationClosesAt'),
			winners: value('winners') ? Number(value('winners')) : null };
	}
	try {
		show(await api.setPresale(me, concertId, body));
		byId('presale-status').textContent = t('managePresale.saved');
	}
	catch (refusal) {
		refused(refusal, byId('presale-problem'));
	}
});

byId('codes-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	byId('codes-problem').textContent = '';
	try {
		const generated = await api.generateCodes(me, concertId, Number(event.target.elements.count.value));
		byId('codes-status').textContent = t('managePresale.generated', generated.generated);
		show(await api.organiserPresale(me, concertId));
	}
	catch (refusal) {
		refused(refusal, byId('codes-problem'));
	}
});

byId('download').addEventListener('click', async () => {
	byId('codes-problem').textContent = '';
	try {
		const csv = await api.presaleCodes(me, concertId);
		const link = document.createElement('a');
		link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
		link.download = `presale-codes-${concertId}.csv`;
		link.click();
		URL.revokeObjectURL(link.href);
	}
	catch (refusal) {
		refused(refusal, byId('codes-problem'));
	}
});

byId('run-draw').addEventListener('click', async () => {
	byId('draw-problem').textContent = '';
	try {
		await api.drawLottery(me, concertId);
		show(await api.organiserPresale(me, concertId));
	}
	catch (refusal) {
		refused(refusal, byId('draw-problem'));
	}
});

if (me) {
	load();
}
