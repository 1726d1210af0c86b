/**
 * The challenge lab over HTTP ({@code /api/challenge}, the panel's Challenge page): requests read into a history and a
 * lab spec, runs on a background thread with their progress. Its own package: it uses the analytics' journal adapter
 * ({@code io.vprop.analytics.JournalHistory}), and the analytics use {@code io.vprop.http}.
 */
package io.vprop.http.challenge;
