/**
 * The fan's web app and the organiser's pages: server-rendered page shells whose texts
 * follow {@code Accept-Language}, and small ES modules that sign in (authorisation code
 * with PKCE) and call the JSON API with the user's tokens. The pages read nothing from
 * any other module: everything they show comes from the public API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package dev.ticketing.web;
