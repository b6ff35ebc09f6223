package org.teamstelehealth.feed;

import java.net.URI;

/**
 * A link just issued: the only moment its token is known. Shown to the admin once and never again.
 *
 * @param feedUrl the {@code https://} address calendar apps poll
 * @param webcalUrl the same address as {@code webcal://}, which opens the device's calendar app
 * @param googleCalendarUrl one click to subscribe in Google Calendar
 * @param outlookUrl one click to subscribe in Outlook on the web
 */
public record IssuedFeedLink(FeedLink link, URI feedUrl, URI webcalUrl, URI googleCalendarUrl, URI outlookUrl) {}
