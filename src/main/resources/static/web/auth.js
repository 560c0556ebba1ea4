// Signing in with the OIDC provider from the browser: authorisation code with PKCE
// (RFC 7636) for the public client, the tokens kept in this tab's session storage.
// No WebJar of a maintained OIDC client library resolves here, and the flow is this
// little code.
import { t } from 'app/texts';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';
const ISSUER = meta('oidc-issuer');
const CLIENT_ID = meta('oidc-client-id');
const SCOPE = meta('oidc-scope');
const REDIRECT_URI = location.origin + '/login/oauth2/code/concert';
const SESSION = 'concert.session';
const PENDING = 'concert.sign-in';

async function provider() {
	const response = await fetch(ISSUER + '/.well-known/openid-configuration');
	if (!response.ok) {
		throw new Error('The sign-in provider did not answer');
	}
	return response.json();
}

function base64url(bytes) {
	return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(bytes) {
	return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function claims(jwt) {
	const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
	const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
	return JSON.parse(new TextDecoder().decode(bytes));
}

/** Only a path of this site: never send the browser elsewhere after signing in. */
function sameSite(path) {
	return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

/** Sends the browser to the provider's sign-in, to come back to returnTo. */
export async function signIn(returnTo = location.pathname + location.search) {
	const endpoints = await provider();
	const verifier = random(32);
	const state = random(16);
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
	sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, returnTo: sameSite(returnTo) }));
	const url = new URL(endpoints.authorization_endpoint);
	url.search = new URLSearchParams({
		response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: SCOPE, state,
		code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: 'S256',
	}).toString();
	location.assign(url.toString());
}

/** On the redirect page: trades the code for the tokens; returns where to go next. */
export async function completeSignIn() {
	const params = new URLSearchParams(location.search);
	const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
	sessionStorage.removeItem(PENDING);
	if (!pending || !params.get('code') || params.get('state') !== pending.state) {
		throw new Error(params.get('error') ?? 'No sign-in was under way');
	}
	const endpoints = await provider();
	const response = await fetch(endpoints.token_endpoint, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code', code: params.get('code'), redirect_uri: REDIRECT_URI,
			client_id: CLIENT_ID, code_verifier: pending.verifier,
		}),
	});
	if (!response.ok) {
		throw new Error('The provider refused the code');
	}
	const tokens = await response.json();
	const access = claims(tokens.access_token);
	const id = tokens.id_token ? claims(tokens.id_token) : {};
	sessionStorage.setItem(SESSION, JSON.stringify({
		accessToken: tokens.access_token,
		userId: access.sub,
		name: id.preferred_username ?? id.name ?? '',
		roles: access.roles ?? [],
		expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
	}));
	return pending.returnTo;
}

/** The signed-in user of this tab, or null (never signed in, or the token ran out). */
export function session() {
	const stored = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null');
	if (!stored || stored.expiresAt <= Date.now() + 10_000) {
		return null;
	}
	return stored;
}

export function signOut() {
	sessionStorage.removeItem(SESSION);
}

/** The header's account area: who is signed in and a way out, or a way in. */
export function mountAccount() {
	const area = document.getElementById('account');
	const current = session();
	area.replaceChildren();
	const button = document.createElement('button');
	button.type = 'button';
	if (current) {
		const who = document.createElement('span');
		who.textContent = t('signedInAs', current.name || current.userId.slice(0, 8));
		button.textContent = t('signOut');
		button.addEventListener('click', () => {
			signOut();
			location.assign('/');
		});
		area.append(who, ' ', button);
	}
	else {
		button.textContent = t('signIn');
		button.addEventListener('click', () => signIn());
		area.append(button);
	}
}

/** A section asking to sign in, with the reason; its button signs in and comes back. */
export function askToSignIn(section, reason) {
	const text = document.createElement('p');
	text.textContent = reason;
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'primary';
	button.textContent = t('signIn');
	button.addEventListener('click', () => signIn());
	section.replaceChildren(text, button);
	section.hidden = false;
}
